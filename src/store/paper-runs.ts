/** Timed runs for the paper's experiments: the scaling-methods race (Table 7, and matched FLOPs),
 *  the latency-vs-FLOPs budget chart across φ, and the reader's own α/β/γ. Each list of networks is
 *  timed as one interleaved series, so drift and heat hit every network alike. */
import {
  budgetNetworks,
  customCoefficients,
  formulaNetwork,
  matchFlops,
  nearestReleasedByFlops,
  officialCoefficients,
  scaleNetwork,
  table7Networks,
  TABLE7_ROWS,
  type Bases,
  type NetworkConfig,
  type PaperPoint,
  type ScalingCoefficients,
  type ScalingMethod,
} from '../scaling';
import type { ModelSpec, SeriesEntry } from '../worker/protocol';
import { formulaSpec } from './lab-spec';
import { SERIES_RUNS } from '../model/timing';
import { officialSpec, whenSource } from './source';
import type { AppStore } from './app-store';
import { sliceStore } from './slice-store';
import type { TimeRows } from './series-pipeline';

export const RACE_STEADY_RUNS: number = SERIES_RUNS.race;
/** Seed of every random-weight network in these runs (same network on every press). */
const RACE_SEED = 11;

export type RunName = 'race' | 'matched' | 'budget' | 'custom';
export interface PaperRunsState {
  runs: Partial<Record<RunName, { runId: number; running: boolean; rows: TimedRow[] }>>;
  budget: { phi: number; method: ScalingMethod; flops: number; steadyMs: number }[];
}

/** The spec that builds coefficients: official B0–B7 from their weights (real where loaded),
 *  anything else in memory with seeded random weights. */
export function specForCoefficients(c: ScalingCoefficients, baseUrl: string): ModelSpec {
  if (c.official) return officialSpec(c.phi, baseUrl);
  return { kind: 'random', scaling: { name: c.name, width: c.width, depth: c.depth, resolution: c.resolution }, seed: RACE_SEED };
}

/** `paper`: the paper's numbers for this network, where it gives any. */
function row(id: string, label: string, method: ScalingMethod | 'custom' | 'released', net: NetworkConfig, spec: ModelSpec, paper: PaperPoint | null = null) {
  const status = 'pending' as 'pending' | 'running' | 'done' | 'error';
  return { id, label, method, net, spec, paper, status, error: null as string | null, firstMs: null as number | null, steadyMs: null as number | null };
}
export type TimedRow = ReturnType<typeof row>;

/** Table 7's five networks as the paper configures them. */
export function table7Rows(baseUrl: string): TimedRow[] {
  return table7Networks().map((m) => row(m.method, m.label, m.method, m.net, specForCoefficients(m.coefficients, baseUrl), TABLE7_ROWS[m.method].paper));
}

/** The same race with depth, width and resolution each solved to the compound network's FLOPs. */
export function matchedRows(baseUrl: string): TimedRow[] {
  const [baseline, , , , compound] = table7Rows(baseUrl);
  const target = compound.net.flops;
  const matched = (['depth', 'width', 'resolution'] as const).map((m) => {
    const s = matchFlops(m, target);
    const label = `${m[0].toUpperCase()}${m.slice(1)} only, matched (${m === 'resolution' ? `r = ${s.net.resolution} px` : `${m[0]} = ${s.multiplier.toFixed(2)}`})`;
    return row(m, label, m, s.net, specForCoefficients(s.coefficients, baseUrl));
  });
  return [baseline, ...matched, compound];
}

/** The budget chart at φ: the formula network and each single dimension at its exact FLOPs. */
export function budgetRows(phi: number, baseUrl: string): TimedRow[] {
  const { compound, matched } = budgetNetworks(phi);
  return [
    row('compound', `Compound φ ${phi}`, 'compound', compound, formulaSpec(phi)),
    ...matched.map((m) => row(m.method, `${m.method} ×${m.multiplier.toFixed(2)}`, m.method, m.net, specForCoefficients(m.coefficients, baseUrl))),
  ];
}

/** Own α/β/γ at φ, the paper's formula network at φ, and the released variant nearest in FLOPs. */
export function customRows(bases: Bases, phi: number, baseUrl: string): TimedRow[] {
  const own = scaleNetwork(customCoefficients(bases, phi));
  const formula = formulaNetwork(phi);
  const near = nearestReleasedByFlops(own.flops);
  const released = officialCoefficients(near.index);
  return [
    row('custom', `Your α, β, γ at φ ${phi}`, 'custom', own, specForCoefficients(own, baseUrl)),
    row('formula', `Paper's formula at φ ${phi}`, 'compound', formula, formulaSpec(phi)),
    row('released', `Nearest released: ${near.name}`, 'released', scaleNetwork(released), specForCoefficients(released, baseUrl)),
  ];
}

/** The paper's timed runs on the app store, timed by `time` (the store's one series pipeline). */
export function paperRuns(store: AppStore, time: TimeRows) {
  const runs = sliceStore(store, 'paperRuns');

  /** A new press of the same run supersedes a running one. The rows are built again once the weight
   *  source is known: official rows built before it point at no source (a race pressed at once). */
  async function runRows(name: RunName, build: (baseUrl: string) => TimedRow[], steadyRuns = RACE_STEADY_RUNS): Promise<TimedRow[]> {
    const runId = (runs.getState().runs[name]?.runId ?? 0) + 1;
    let rows = build(store.getState().source?.baseUrl ?? '');
    runs.setState((s) => ({ runs: { ...s.runs, [name]: { runId, running: true, rows: rows.map((r) => ({ ...r, status: 'running' as const })) } } }));
    let outcomes: SeriesEntry[];
    try {
      rows = build(await whenSource(store));
      outcomes = await time(rows, { runs: steadyRuns });
    } catch (e) {
      outcomes = rows.map(() => ({ ok: false, error: (e as Error).message }));
    }
    if (runs.getState().runs[name]?.runId !== runId) return []; // a newer press replaced this run
    const done = rows.map((r, i): TimedRow => {
      const o = outcomes[i];
      return o.ok ? { ...r, status: 'done', firstMs: o.firstMs, steadyMs: o.spread.medianMs } : { ...r, status: 'error', error: o.error };
    });
    runs.setState((s) => ({ runs: { ...s.runs, [name]: { runId, running: false, rows: done } } }));
    return done;
  }

  /** One budget step: times the four methods at φ and adds them to the chart (replacing that φ). */
  async function runBudget(phi: number): Promise<void> {
    const done = await runRows('budget', (baseUrl) => budgetRows(phi, baseUrl), 1);
    const points = done.flatMap((r) =>
      r.steadyMs !== null && r.method !== 'custom' && r.method !== 'released' ? [{ phi, method: r.method, flops: r.net.flops, steadyMs: r.steadyMs }] : [],
    );
    if (points.length) runs.setState((s) => ({ budget: [...s.budget.filter((p) => p.phi !== phi), ...points].sort((a, b) => a.phi - b.phi) }));
  }

  return { runRows, runBudget };
}
