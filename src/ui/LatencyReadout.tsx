/** The Lab's latency: the last run, the first (with compilation) apart, the steady median and p25–p75 over
 *  enough runs; "Measure latency" times a short series with everything else paused. */
import { useState } from 'react';
import { MIN_RUNS_FOR_MEDIAN, SERIES_RUNS } from '../model/timing';
import { useAppPick } from './use-app';
import { useEngine } from './engine-context';
import { fmtMs } from './format';

export function LatencyReadout() {
  const engine = useEngine();
  const { result, status } = useAppPick('result', 'status');
  const [measuring, setMeasuring] = useState(false);
  const lat = result?.latency;
  const measure = () => {
    setMeasuring(true);
    void engine.measureLab().finally(() => setMeasuring(false));
  };
  return (
    <div className="latency" data-testid="latency">
      Latency <strong data-testid="latency-ms">{fmtMs(lat?.lastMs)}</strong> ms
      {lat && (
        <span data-testid="latency-kind" className="muted">
          {' '}
          ({lat.wasFirst ? 'first run, includes shader compilation' : 'steady'})
        </span>
      )}
      {lat?.firstMs != null && (
        <span className="muted">
          {' '}
          · first run <span data-testid="latency-first">{fmtMs(lat.firstMs)}</span> ms (with compile)
        </span>
      )}
      {lat && lat.steadyRuns > 0 && (
        <span className="muted" data-testid="latency-steady-line">
          {' '}
          ·{' '}
          {lat.steadyRuns >= MIN_RUNS_FOR_MEDIAN ? (
            <>
              steady median <span data-testid="latency-steady">{fmtMs(lat.steadyMedianMs)}</span> ms, p25–p75{' '}
              <span data-testid="latency-range">
                {fmtMs(lat.steadyP25Ms)}–{fmtMs(lat.steadyP75Ms)}
              </span>{' '}
              ms over {lat.steadyRuns} runs
            </>
          ) : (
            `${lat.steadyRuns} steady run${lat.steadyRuns > 1 ? 's' : ''}, too few for a median`
          )}
        </span>
      )}{' '}
      <button
        type="button"
        className="measure-latency"
        data-testid="measure-latency"
        disabled={!result || measuring || status !== 'idle'}
        title={`Times ${SERIES_RUNS.lab} runs of this network with the lab's other work paused`}
        onClick={measure}
      >
        {measuring ? 'Measuring…' : 'Measure latency'}
      </button>
    </div>
  );
}
