/** One card per network: measured top-1 and top-5, the 95% Wilson interval, throughput, the paper's top-1. */
import type { NetworkSummary } from '../../store/eval-results';
import { fmtAcc, fmtMs } from '../format';
import { fmtCi } from './eval-view-model';

export function EvalSummaries({ summaries, synthetic }: { summaries: readonly NetworkSummary[]; synthetic: boolean }) {
  return (
    <div className="eval-summaries">
      {summaries.map((s) => (
        <section
          key={s.network}
          className="card eval-summary"
          data-testid="eval-summary"
          data-network={s.network}
          data-total={s.total}
          data-correct={s.correct}
        >
          <h3>{s.network}</h3>
          <p className="eval-big">
            top-1 <strong data-testid="eval-accuracy">{fmtAcc(s.top1)}</strong>{' '}
            <span className="muted small">
              ({s.correct} of {s.total} labelled)
            </span>
          </p>
          <p>
            95% interval <span data-testid="eval-ci">{fmtCi(s.ci)}</span> · top-5 <span data-testid="eval-top5">{fmtAcc(s.top5)}</span>
          </p>
          <p>
            <span data-testid="eval-throughput">{s.imagesPerSec === null ? '—' : `${s.imagesPerSec.toFixed(1)} images/s`}</span> ·{' '}
            <span data-testid="eval-ms">{fmtMs(s.msPerImage)} ms per image</span>
          </p>
          <p className="muted small" data-testid="eval-paper">
            Paper (ImageNet validation, 50,000 images): {fmtAcc(s.paperTop1)}
            {synthetic ? ' — these weights are random: expect chance level (0.1%), not this.' : ''}
          </p>
        </section>
      ))}
    </div>
  );
}
