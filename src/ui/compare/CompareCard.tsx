/** One variant's result: status, top-5, first and steady latency, and its published figures. */
import { NOISY_RATIO } from '../../model/timing';
import type { CompareEntry } from '../../store/compare';
import { fmtAcc, fmtFlops, fmtMs, fmtParams } from '../format';
import { STATUS_TEXT as LAB_STATUS, Top5 } from '../InferenceReadout';
import { CompareCam } from '../paper/CamOverlay';

// Loading, running and error read as the Lab's status line does.
const STATUS_TEXT: Record<CompareEntry['status'], string> = { ...LAB_STATUS, pending: 'Waiting', done: 'Done' };

export function CompareCard({ entry: e, agrees, onMeasureAgain }: { entry: CompareEntry; agrees: boolean; onMeasureAgain: (() => void) | null }) {
  return (
    <article
      className={`card compare-card${agrees ? ' agrees' : ''}`}
      data-testid="compare-card"
      data-variant={e.name}
      data-status={e.status}
      data-agrees={agrees ? 'true' : 'false'}
      data-noisy={e.noisy ? 'true' : 'false'}
    >
      <header className="compare-card-head">
        <h3>{e.name}</h3>
        <span className="compare-status">{STATUS_TEXT[e.status]}</span>
        {agrees && (
          <span className="agree-badge" title="Top-1 matches the majority of the variants">
            agrees
          </span>
        )}
      </header>
      {e.status === 'error' ? (
        <p className="error small" data-testid="compare-error">
          {e.error}
        </p>
      ) : (
        <Top5 preds={e.top5} testId="compare-top5">
          {e.top5.length === 0 && <li className="muted">—</li>}
        </Top5>
      )}
      {e.cam && <CompareCam cam={e.cam} resolution={e.resolution} name={e.name} />}
      <dl className="readouts compare-figures">
        <dt>First run</dt>
        <dd>
          <span data-testid="compare-first-ms">{fmtMs(e.firstMs)}</span> ms <span className="muted small">(incl. compile)</span>
        </dd>
        <dt>Steady</dt>
        <dd>
          <span data-testid="compare-steady-ms">{fmtMs(e.steadyMs)}</span> ms <span className="muted small">(median of {e.runsMs.length || '—'})</span>
        </dd>
        <dt>p25–p75</dt>
        <dd>
          <span data-testid="compare-range" data-p25={e.p25Ms ?? ''} data-p75={e.p75Ms ?? ''}>
            {fmtMs(e.p25Ms)}–{fmtMs(e.p75Ms)}
          </span>{' '}
          ms <span className="muted small">(min {fmtMs(e.minMs)})</span>
        </dd>
        <dt>FLOPs</dt>
        <dd>{fmtFlops(e.flops)}</dd>
        <dt>Params</dt>
        <dd>{fmtParams(e.params)}</dd>
        <dt>Paper top-1</dt>
        <dd>{fmtAcc(e.paperTop1)}</dd>
        <dt>Resolution</dt>
        <dd>{e.resolution} px</dd>
      </dl>
      {e.noisy && e.p25Ms != null && e.p75Ms != null && (
        <p className="compare-noisy small" data-testid="compare-noisy">
          Noisy measurement: p75/p25 = {(e.p75Ms / e.p25Ms).toFixed(2)} (above {NOISY_RATIO}); something else was using the machine.{' '}
          {onMeasureAgain && (
            <button type="button" data-testid="compare-measure-again" onClick={onMeasureAgain}>
              Measure again
            </button>
          )}
        </p>
      )}
    </article>
  );
}
