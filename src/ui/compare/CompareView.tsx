/** Compare: the image through several official variants; their agreement, measured latency, paper accuracy. */
import { useMemo } from 'react';
import { NOISY_RATIO } from '../../model/timing';
import { compareCsv, type CompareEntry } from '../../store/compare';
import { useApp, useAppPick } from '../use-app';
import { useEngine } from '../engine-context';
import { downloadFile } from '../download';
import { fmtAcc, fmtFlops, fmtMs, fmtParams, fmtPct } from '../format';
import { STATUS_TEXT as LAB_STATUS, Top5 } from '../InferenceReadout';
import { VariantPicks } from '../pickers';
import { ScrollTable } from '../TableScroll';
import { CompareCam } from '../paper/CamOverlay';
import { AccuracyChart, LatencyChart } from './CompareCharts';
import { agreement, compareJson, MIN_PICKS, progressText, togglePick } from './compare-model';
import { MethodRace } from '../paper/MethodRace';
import './compare.css';

export function CompareView() {
  const engine = useEngine();
  const { entries, running } = useApp((s) => s.comparison);
  const again = running ? null : () => void engine.compare(entries.map((e) => e.variant));
  const { agree, label: major } = useMemo(() => agreement(entries), [entries]);
  const finished = entries.filter((e) => e.top5[0]).length;

  return (
    <section data-testid="compare" className="compare">
      <h2 className="compare-title">Compare variants</h2>
      <VariantPicker />
      <details className="card compare-preset" data-testid="preset-methods">
        <summary>Preset: the scaling-methods race (the paper's Table 7, timed here)</summary>
        <MethodRace />
      </details>
      {entries.length > 0 && (
        <p className="compare-agreement" data-testid="compare-agreement">
          {major ? (
            <>
              Majority top-1: <strong>{major}</strong> ({agree.size} of {finished} finished variants agree)
            </>
          ) : finished > 1 ? (
            'No majority: the finished variants disagree on top-1.'
          ) : (
            'Agreement shows once two variants have finished.'
          )}
        </p>
      )}
      <div className="compare-cards">
        {entries.map((e) => (
          <CompareCard key={e.variant} entry={e} agrees={agree.has(e.variant)} onMeasureAgain={again} />
        ))}
        {entries.length === 0 && <p className="muted">Choose variants and press “Run comparison” — one card per variant appears here.</p>}
      </div>
      <div className="compare-charts">
        <LatencyChart entries={entries} />
        <AccuracyChart />
      </div>
      <CompareTable entries={entries} agree={agree} />
    </section>
  );
}

/** Compare's picks (in the URL), the run button, progress, and which image the run uses. */
function VariantPicker() {
  const engine = useEngine();
  const { compare: picks, setCompare, image: labImage, source, comparison } = useAppPick('compare', 'setCompare', 'image', 'source', 'comparison');
  const { running, entries, imageName: runImage } = comparison;
  const ready = source != null;
  const atMinimum = picks.length <= MIN_PICKS;
  // After a run, name the image that run used; before one, the image the next run will use.
  const imageName = entries.length > 0 ? runImage : (labImage?.name ?? null);
  const progress = progressText(entries, running);

  return (
    <div className="compare-controls">
      <VariantPicks
        legend="Variants to compare"
        groupLabel="Official variants"
        testIdPrefix="compare-pick-"
        picks={picks}
        onPick={(k) => {
          const next = togglePick(picks, k);
          if (next) setCompare(next);
        }}
        disabled={(picked) => running || (picked && atMinimum)}
        title={(picked) => (picked && atMinimum ? `Keep at least ${MIN_PICKS} variants` : undefined)}
        after={
          <p className="muted small" data-testid="compare-pick-hint">
            {picks.length} chosen{atMinimum ? ` — at least ${MIN_PICKS} are needed, so the chosen ones stay on` : ''}.
          </p>
        }
      />
      <div className="compare-run-row">
        <button type="button" className="compare-run" data-testid="compare-run" disabled={running || !ready} onClick={() => void engine.compare()}>
          {running ? 'Running…' : 'Run comparison'}
        </button>
        {!ready && <span className="muted small">Waiting for the engine…</span>}
        {progress && (
          <span className="compare-progress" data-testid="compare-progress" aria-live="polite">
            {progress}
          </span>
        )}
      </div>
      <p className="muted small" data-testid="compare-image">
        Image: {imageName ? `“${imageName}”` : 'test pattern — drop an image in the Lab view'}
      </p>
    </div>
  );
}

// Loading, running and error read as the Lab's status line does.
const STATUS_TEXT: Record<CompareEntry['status'], string> = { ...LAB_STATUS, pending: 'Waiting', done: 'Done' };

/** One variant's result: status, top-5, first and steady latency, and its published figures. */
function CompareCard({ entry: e, agrees, onMeasureAgain }: { entry: CompareEntry; agrees: boolean; onMeasureAgain: (() => void) | null }) {
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

const COMPARE_HEADS = ['Variant', 'Res.', 'FLOPs', 'Params', 'Paper top-1', 'First ms', 'Steady median ms', 'p25–p75 ms', 'Top-1', 'Prob.'];

/** The compare numbers as a compact table, with CSV / JSON export of exactly these entries. */
function CompareTable({ entries, agree }: { entries: readonly CompareEntry[]; agree: ReadonlySet<number> }) {
  const empty = entries.length === 0;
  return (
    <section className="card compare-table-card">
      <div className="compare-table-head">
        <h3>Numbers</h3>
        <div className="compare-exports">
          <button type="button" data-testid="export-csv" disabled={empty} onClick={() => downloadFile(compareCsv([...entries]), 'efficientnet-compare.csv')}>
            Export CSV
          </button>
          <button type="button" data-testid="export-json" disabled={empty} onClick={() => downloadFile(compareJson(entries), 'efficientnet-compare.json')}>
            Export JSON
          </button>
        </div>
      </div>
      <ScrollTable label="Comparison table (scrolls sideways)" heads={COMPARE_HEADS} scoped className="compare-table" testId="compare-table">
        {entries.map((e) => (
          <tr key={e.variant} data-variant={e.name} data-status={e.status} className={agree.has(e.variant) ? 'agrees' : undefined}>
            <th scope="row">{e.name}</th>
            <td>{e.resolution}</td>
            <td>{fmtFlops(e.flops)}</td>
            <td>{fmtParams(e.params)}</td>
            <td>{fmtAcc(e.paperTop1)}</td>
            <td>{fmtMs(e.firstMs)}</td>
            <td>{fmtMs(e.steadyMs)}</td>
            <td>{e.p25Ms == null ? '—' : `${fmtMs(e.p25Ms)}–${fmtMs(e.p75Ms)}`}</td>
            <td className="compare-label">{e.status === 'error' ? 'error' : (e.top5[0]?.label ?? '—')}</td>
            <td>{e.top5[0] ? fmtPct(e.top5[0].prob) : '—'}</td>
          </tr>
        ))}
        {empty && (
          <tr>
            <td colSpan={10} className="muted">
              No comparison run yet.
            </td>
          </tr>
        )}
      </ScrollTable>
    </section>
  );
}
