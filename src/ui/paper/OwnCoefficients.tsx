/** Design your own coefficients: α, β, γ in, the constraint α·β²·γ² live, "fit to 2", and the
 *  resulting network at the side panel's φ built and timed beside the paper's formula network and
 *  the released variant nearest in FLOPs. The bases live in the URL (?alpha=&beta=&gamma=). */
import { useCallback, useMemo, useState } from 'react';
import { baseProblem, constraintOf, CONSTRAINT_TARGET, fitGamma, MAX_BASE, MIN_BASE, PAPER_BASES, type Bases } from '../../scaling';
import { useApp, useAppPick } from '../use-app';
import { customRows, type RunName, type TimedRow } from '../../store/paper-runs';
import { useEngine } from '../engine-context';
import { fmtFlops, fmtMs, fmtParams, fmtPhi } from '../format';
import './paper.css';
import { ScrollTable } from '../TableScroll';

const SYMBOL: Record<keyof Bases, string> = { alpha: 'α (depth)', beta: 'β (width)', gamma: 'γ (resolution)' };

function BaseInput({ k, value, onValid }: { k: keyof Bases; value: number; onValid: (v: number) => void }) {
  const [text, setText] = useState(String(value));
  // A new value from outside (a preset, the URL) replaces the text: React's "adjust state while
  // rendering" pattern rather than an effect that renders twice.
  const [from, setFrom] = useState(value);
  if (value !== from) {
    setFrom(value);
    setText(String(Number(value.toFixed(4))));
  }
  const problem = baseProblem(SYMBOL[k], text.trim() === '' ? NaN : Number(text));
  return (
    <label>
      {SYMBOL[k]}{' '}
      <input
        type="number"
        min={MIN_BASE}
        max={MAX_BASE}
        step={0.01}
        value={text}
        data-testid={k}
        aria-invalid={Boolean(problem)}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && !baseProblem(k, v)) onValid(v);
        }}
      />
      {problem && (
        <span className="error small" role="alert">
          {' '}
          {problem}; keeping {Number(value.toFixed(4))}
        </span>
      )}
    </label>
  );
}

/** α, β, γ, "Fit γ to 2" and the paper's bases: in Teach and on the deck's slide. */
export function BaseControls({ className, paperLabel }: { className: string; paperLabel: string }) {
  const { bases, setBases } = useAppPick('bases', 'setBases');
  const fitted = fitGamma(bases);
  const set = (k: keyof Bases) => (v: number) => setBases({ ...bases, [k]: v });
  return (
    <div className={className}>
      {(Object.keys(SYMBOL) as (keyof Bases)[]).map((k) => (
        <BaseInput key={k} k={k} value={bases[k]} onValid={set(k)} />
      ))}
      <button
        type="button"
        data-testid="fit-gamma"
        disabled={fitted === null}
        onClick={() => fitted !== null && set('gamma')(fitted)}
        title={fitted === null ? 'α·β² is already above 2: no γ ≥ 1 can bring the product to 2' : 'Keep α and β, solve γ so that α·β²·γ² = 2'}
      >
        Fit γ to 2
      </button>
      <button type="button" onClick={() => setBases(PAPER_BASES)}>
        {paperLabel}
      </button>
    </div>
  );
}

/** A timed row's latency, first / steady run (or "timing…", or its error); the race shows it too. */
export function RunLatency({ r }: { r: TimedRow }) {
  if (r.status === 'error') return <span className="error small">{r.error}</span>;
  return r.status === 'running' ? 'timing…' : `${fmtMs(r.firstMs)} / ${fmtMs(r.steadyMs)}`;
}

/** Run `name`'s rows: the timed ones while they are the networks `build` makes now (a change of bases or φ shows the new ones). */
export function useTimedRows(name: RunName, build: (baseUrl: string) => TimedRow[], steadyRuns?: number) {
  const run = useApp((s) => s.paperRuns.runs[name]);
  const baseUrl = useApp((s) => s.source?.baseUrl ?? '');
  const { runRows } = useEngine();
  const fresh = useMemo(() => build(baseUrl), [build, baseUrl]);
  const rows = run && run.rows[0]?.net.name === fresh[0].net.name ? run.rows : fresh;
  return { run, rows, time: () => void runRows(name, build, steadyRuns) };
}

/** The reader's bases, φ, and the three networks to show. */
export function useOwnRows() {
  const { bases, phi } = useAppPick('bases', 'phi');
  const build = useCallback((url: string) => customRows(bases, phi, url), [bases, phi]);
  return { bases, phi, ...useTimedRows('custom', build) };
}

export function OwnCoefficients() {
  const { bases, phi, run, rows, time } = useOwnRows();
  const c = constraintOf(bases);
  const gap = c - CONSTRAINT_TARGET;
  return (
    <div className="paper-section" data-testid="own-coefficients">
      <BaseControls className="paper-controls" paperLabel="Paper's α, β, γ" />
      <p>
        Constraint α·β²·γ² = <strong data-testid="constraint">{c.toFixed(3)}</strong>{' '}
        <span data-testid="constraint-distance" className={Math.abs(gap) < 0.1 ? 'constraint-ok' : 'constraint-off'}>
          ({gap >= 0 ? '+' : '−'}
          {Math.abs(gap).toFixed(3)} from 2)
        </span>{' '}
        — each +1 of φ multiplies FLOPs by about {c.toFixed(2)} (the paper's bases: {constraintOf(PAPER_BASES).toFixed(3)}).
      </p>
      <ScrollTable
        label="Your coefficients next to the released ones"
        heads={[`Network at φ ${fmtPhi(phi)} (side panel)`, 'Resolution', 'Depth', 'Width', 'FLOPs', 'Params', 'Latency ms, first / steady']}
      >
        {rows.map((r) => (
          <tr key={r.id} data-testid="custom-row" data-id={r.id}>
            <td>{r.label}</td>
            <td>{r.net.resolution}</td>
            <td>
              {r.net.depth.toFixed(2)} ({r.net.totalBlocks} blocks)
            </td>
            <td>{r.net.width.toFixed(2)}</td>
            <td data-testid={`${r.id}-flops`}>{fmtFlops(r.net.flops)}</td>
            <td>{fmtParams(r.net.params)}</td>
            <td data-testid={`${r.id}-latency`}>
              <RunLatency r={r} />
            </td>
          </tr>
        ))}
      </ScrollTable>
      <button type="button" data-testid="custom-run" disabled={run?.running} onClick={time}>
        {run?.running ? 'Timing…' : 'Build and time these three'}
      </button>
      <p className="muted small">
        Your network and the formula network use seeded random weights (latency only); the released variant uses its loaded weights.
      </p>
      <p>
        <strong>The paper's two steps (§4).</strong> Step 1: fix φ = 1 — “twice more resources” — and grid-search α, β, γ on B0 under α·β²·γ² ≈ 2; the paper
        found α = 1.2, β = 1.1, γ = 1.15. Step 2: keep α, β, γ fixed and grow φ to get B1–B7, never searching again on the large networks, where a search would
        cost far more.
      </p>
    </div>
  );
}
