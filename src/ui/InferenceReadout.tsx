/** Prediction, latency and download bars from the worker, plus the current phase (loading / compiling / running). */
import { useState, type ReactNode } from 'react';
import type { Prediction } from '../worker/protocol';
import { MIN_RUNS_FOR_MEDIAN, SERIES_RUNS } from '../model/timing';
import { useApp, useAppPick } from './use-app';
import { useEngine } from './engine-context';
import { fmtBytes, fmtLeft, fmtMs, fmtPct, fmtRate } from './format';
import { answeredBy, resultSummary } from './readouts';

export const STATUS_TEXT = {
  starting: 'Starting…',
  idle: 'Ready',
  loading: 'Loading weights…',
  compiling: 'Compiling shaders (first run)…',
  running: 'Running…',
  error: 'Error',
} as const;

/** A top-5 list with a bar per class; the Lab's readout and each compare card show one. */
export function Top5({ preds, testId, children }: { preds: readonly Prediction[]; testId: string; children?: ReactNode }) {
  return (
    <ol data-testid={testId} className="top5">
      {preds.map((p) => (
        <li key={p.index} data-index={p.index} data-prob={p.prob}>
          <span className="bar" style={{ width: `${Math.max(1, p.prob * 100)}%` }} />
          <span className="label">{p.label}</span> <span className="prob">{fmtPct(p.prob)}</span>
        </li>
      ))}
      {children}
    </ol>
  );
}

export function InferenceReadout() {
  const { result, status } = useAppPick('result', 'status');
  const standInLoad = useApp((s) => (s.result?.standInFor ? s.loads[s.result.standInFor]?.phase : undefined));
  return (
    <section className="inference" aria-label="Inference">
      {/* Only this one-line summary is announced; the byte counters and timings are not. */}
      <p className="visually-hidden" aria-live="polite" data-testid="result-summary">
        {resultSummary(result, standInLoad === 'cache')}
      </p>
      <p className="status" data-testid="status" data-status={status}>
        {STATUS_TEXT[status]}
      </p>
      <LoadProgress />
      <LatencyReadout />
      {result && (
        <p className="muted small">
          Memory: <span data-testid="tensors">{result.memory.numTensors}</span> tensors
          {result.memory.gpuBytes != null && <> · {fmtBytes(result.memory.gpuBytes)} on the GPU</>}
        </p>
      )}
      {result?.latencyOnly ? (
        <p className="muted" data-testid="formula-note">
          Formula network {result.name} ({result.resolution} px) has random weights: latency only, no prediction.
        </p>
      ) : (
        <div className="prediction" data-for={result?.name ?? ''} data-image={result?.imageName ?? ''} data-testid="prediction">
          <p className="top1">
            <span data-testid="top1-label">{result?.top5[0]?.label ?? '—'}</span>{' '}
            <span data-testid="top1-prob">{result ? fmtPct(result.top5[0].prob) : ''}</span>
          </p>
          {result?.standInFor && (
            <p className="stand-in" data-testid="answered-by" data-variant={result.name} data-for={result.standInFor}>
              {answeredBy(result, standInLoad === 'cache')}
            </p>
          )}
          <p className="muted small">
            {result ? `${result.name} at ${result.resolution} px on ${result.imageName ? `“${result.imageName}”` : 'a test pattern (drop an image)'}` : ''}
          </p>
          <Top5 preds={result?.top5 ?? []} testId="top5" />
        </div>
      )}
    </section>
  );
}

/** Per-variant download bars: bytes, and while downloading the rate and time left. */
function LoadProgress() {
  const loads = useApp((s) => s.loads);
  return (
    <div className="loads">
      {Object.entries(loads).map(([key, l]) => {
        const done = l.phase === 'ready' || l.phase === 'cached';
        return (
          <div key={key} className="load" data-testid="load-progress" data-variant={key} data-phase={l.phase}>
            <span className="name">{key}</span>
            <progress aria-label={`${key} download`} max={l.total || 1} value={done ? l.total || 1 : l.loaded} />
            <span className="bytes">
              {done
                ? `${fmtBytes(l.total)} ${l.phase === 'cached' ? 'prefetched' : l.fromCache ? 'from cache' : 'loaded'}`
                : `${fmtBytes(l.loaded)} / ${fmtBytes(l.total)}`}
            </span>
            {l.phase === 'download' && l.rate && l.etaS != null && (
              <span className="eta muted" data-testid="load-eta" data-variant={key}>
                {`${fmtRate(l.rate)}, ${fmtLeft(l.etaS)}`}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** The Lab's latency: the last run, the first (with compilation) apart, the steady median and p25–p75 over
 *  enough runs; "Measure latency" times a short series with everything else paused. */
function LatencyReadout() {
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
