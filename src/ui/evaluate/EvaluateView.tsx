/** Evaluate: many images through 1–3 networks, measured beside the paper; the run lives in src/store/evaluate.ts. */
import { useMemo, useState } from 'react';
import { useApp } from '../use-app';
import { disagreeing, evalCsv, evalJson, isCorrect, rightOnlyBy, summarize, wrongSomewhere, type EvalRow, type NetworkSummary } from '../../store/eval-results';
import type { EvalNetwork } from '../../store/evaluate';
import { downloadFile } from '../download';
import { EvalCharts } from './EvalCharts';
import { EvalControls } from './EvalControls';
import { shortLabelOf } from '../../model/labels';
import { baseName } from '../../image/dropped-entries';
import { contrastPair, fmtCi } from './eval-view-model';
import { fmtAcc, fmtMs, fmtPct } from '../format';
import { ColumnHeads } from '../TableScroll';
import '../compare/compare.css';
import './evaluate.css';

function Thumbs({ rows, testId, title }: { rows: readonly EvalRow[]; testId: string; title: string }) {
  return (
    <div className="eval-contrast-col" data-testid={testId} data-count={rows.length}>
      <h4>
        {title} ({rows.length})
      </h4>
      <div className="eval-thumbs">
        {rows.slice(0, 48).map((r) => (
          <figure key={r.file} title={`${r.file}: ${shortLabelOf(r.label)}`}>
            {r.thumb ? <img src={r.thumb} alt={shortLabelOf(r.label)} width={56} height={56} /> : <span className="eval-nothumb" />}
            <figcaption className="small">{shortLabelOf(r.label)}</figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}

function Contrast({ rows, networks }: { rows: readonly EvalRow[]; networks: readonly EvalNetwork[] }) {
  const pair = contrastPair(networks);
  if (!pair) return null;
  const big = networks[pair.big].name;
  const small = networks[pair.small].name;
  return (
    <section className="card eval-contrast" data-testid="eval-contrast">
      <h3>What the bigger network gets right</h3>
      <div className="eval-contrast-cols">
        <Thumbs rows={rightOnlyBy(rows, pair.big, pair.small)} testId="eval-bigger-right" title={`${big} right, ${small} wrong`} />
        <Thumbs rows={rightOnlyBy(rows, pair.small, pair.big)} testId="eval-smaller-right" title={`${small} right, ${big} wrong`} />
      </div>
    </section>
  );
}

export function EvaluateView() {
  const run = useApp((s) => s.evaluation);
  const backend = useApp((s) => s.backendInfo?.name ?? null);
  const summaries = useMemo(() => summarize(run.rows, run.networks, run.timings), [run.rows, run.networks, run.timings]);
  const exportAs = (kind: 'csv' | 'json') => {
    const meta = {
      backend,
      batch: run.plan?.batch,
      source: run.input?.source,
      synthetic: run.synthetic,
      images: run.rows.length,
      classified: run.done,
      cancelled: run.cancelled,
    };
    if (kind === 'csv') downloadFile(evalCsv(run.rows, run.networks), 'evaluation.csv');
    else downloadFile(evalJson(run.rows, run.networks, summaries, meta), 'evaluation.json');
  };
  const { report, skipped } = run.input ?? { report: null, skipped: 0 };
  return (
    <section className="compare eval" data-testid="evaluate-view">
      <h2 className="compare-title">Evaluate: many images, measured accuracy</h2>
      <EvalControls />
      {run.synthetic && (
        <p className="synthetic-banner" data-testid="eval-synthetic-banner" role="alert">
          Synthetic weights: these networks hold seeded random values, so the accuracy below is chance level (about 0.1% top-1, 0.5% top-5), whatever the paper
          says. Throughput is real.
        </p>
      )}
      {run.error && (
        <p className="error" data-testid="eval-error" role="alert">
          {run.error}
        </p>
      )}
      {report && (
        <p className="muted small" data-testid="eval-mapping" data-matched={report.matchedFolders} data-folders={report.folders}>
          Labels: {report.matchedFolders} of {report.folders} folders matched a class
          {report.unmatchedFolders.length > 0 && (
            <>
              {' '}
              (not matched: <span data-testid="eval-unmatched">{report.unmatchedFolders.join(', ')}</span>)
            </>
          )}
          ; by folder {report.bySource.folder}, by file name {report.bySource['file name']}, by labels file {report.bySource['labels file']};{' '}
          {report.unlabelled} unlabelled (still classified)
          {skipped > 0 ? `; ${skipped} other files passed over` : ''}.
        </p>
      )}
      {run.input?.source === 'sample' && (
        <p className="muted small">
          ImageNet sample: a demonstration, not a benchmark — the source does not state its split, so some photos may be training images.
        </p>
      )}
      {run.networks.length > 0 && (
        <>
          <EvalSummaries summaries={summaries} synthetic={run.synthetic === true} />
          <div className="eval-exports">
            <button type="button" data-testid="eval-export-csv" disabled={run.done === 0} onClick={() => exportAs('csv')}>
              Export CSV
            </button>
            <button type="button" data-testid="eval-export-json" disabled={run.done === 0} onClick={() => exportAs('json')}>
              Export JSON
            </button>
            {run.peak && (
              <span className="muted small" data-testid="eval-memory" data-tensors={run.peak.numTensors} data-gpu-bytes={run.peak.gpuBytes ?? ''}>
                peak worker memory: {(run.peak.numBytes / 2 ** 20).toFixed(0)} MiB in {run.peak.numTensors} tensors
                {run.peak.gpuBytes !== null ? `, GPU ${(run.peak.gpuBytes / 2 ** 20).toFixed(0)} MiB` : ''}
              </span>
            )}
          </div>
          <EvalCharts summaries={summaries} />
          <Contrast rows={run.rows} networks={run.networks} />
          <EvalRows rows={run.rows} networks={run.networks} />
        </>
      )}
    </section>
  );
}

/** One card per network: measured top-1 and top-5, the 95% Wilson interval, throughput, the paper's top-1. */
function EvalSummaries({ summaries, synthetic }: { summaries: readonly NetworkSummary[]; synthetic: boolean }) {
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

/** Rows drawn at first; the rest on request (10,000 rows of thumbnails is a slow page). */
const PAGE = 1000;

const FILTERS = {
  all: { label: 'All images', rows: (rows: readonly EvalRow[]) => rows },
  wrong: { label: 'Wrong only', rows: wrongSomewhere },
  disagree: { label: 'Where the networks disagree', rows: disagreeing },
};

/** One row per image (thumbnail, label, each network's top-1 with ✓/✗), with filters. */
function EvalRows({ rows, networks }: { rows: readonly EvalRow[]; networks: readonly EvalNetwork[] }) {
  const [filter, setFilter] = useState<keyof typeof FILTERS>('all');
  const [limit, setLimit] = useState(PAGE);
  const shown = useMemo(() => FILTERS[filter].rows(rows), [rows, filter]);
  return (
    <section className="card eval-rows">
      <div className="eval-filter" role="radiogroup" aria-label="Which images">
        {(['all', 'wrong', 'disagree'] as const).map((f) => (
          <label key={f}>
            <input type="radio" name="eval-filter" data-testid={`eval-filter-${f}`} checked={filter === f} onChange={() => setFilter(f)} /> {FILTERS[f].label}
          </label>
        ))}
        <span className="muted small">{shown.length} shown</span>
      </div>
      <div className="eval-table-scroll">
        <table className="eval-table">
          <ColumnHeads cols={['Image', 'Label', ...networks.map((n) => `${n.name} top-1`)]} />
          <tbody>
            {shown.slice(0, limit).map((r) => (
              <tr key={r.file} data-testid="eval-row" data-file={r.file} data-label={r.label ?? ''}>
                <td className="eval-file">
                  {r.thumb ? <img src={r.thumb} alt="" width={40} height={40} /> : <span className="eval-nothumb" />} <span>{baseName(r.file)}</span>
                  {r.error && <span className="eval-error small"> {r.error}</span>}
                </td>
                <td>{r.label === null ? <span className="muted">unlabelled</span> : shortLabelOf(r.label)}</td>
                {networks.map((n, i) => {
                  const t = r.preds[i]?.[0] ?? null;
                  const ok = isCorrect(r, i);
                  return (
                    <td
                      key={n.key}
                      data-testid="eval-pred"
                      data-network={n.name}
                      data-class={t?.index ?? ''}
                      data-prob={t?.prob ?? ''}
                      className={ok === null ? '' : ok ? 'eval-right' : 'eval-wrong'}
                    >
                      {t ? `${shortLabelOf(t.index)} ${fmtPct(t.prob)}` : '—'} {ok === null ? '' : ok ? '✓' : '✗'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length > limit && (
        <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
          Show {Math.min(PAGE, shown.length - limit)} more
        </button>
      )}
    </section>
  );
}
