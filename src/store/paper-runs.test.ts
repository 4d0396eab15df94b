import { beforeEach, describe, expect, it } from 'vitest';
import type { ModelSpec, SeriesEntry } from '../worker/protocol';
import { RACE_STEADY_RUNS, paperRuns, table7Rows } from './paper-runs';
import { timeRows } from './series-pipeline';
import { createAppStore } from './app-store';
import { sliceStore } from './slice-store';

const useLab = createAppStore();
const usePaperRuns = sliceStore(useLab, 'paperRuns');
type TimeNetworks = (specs: ModelSpec[], runs: number) => Promise<({ firstMs: number; steadyMs: number } | { error: string })[]>;
const notSet: TimeNetworks = async () => {
  throw new Error('no timer');
};
let timer = notSet;
const setTimer = (t: TimeNetworks | null) => void (timer = t ?? notSet);
/** A worker's series answer with just the figures the race reads (first run, steady median). */
const entry = (o: { firstMs: number; steadyMs: number } | { error: string }): SeriesEntry =>
  'error' in o ? { ok: false, error: o.error } : ({ ok: true, firstMs: o.firstMs, spread: { medianMs: o.steadyMs } } as unknown as SeriesEntry);
// The race goes through the store's one series pipeline; the worker's series is the test's timer.
const { runRows, runBudget } = paperRuns(useLab, (rows, o) => timeRows(async (specs, m) => (await timer(specs, m.runs)).map(entry), rows, o));

const SOURCE = { baseUrl: 'https://weights.example/models/', kind: 'configured' } as const;

describe('paper runs', () => {
  beforeEach(() => useLab.setState({ source: SOURCE, status: 'idle', error: null }));

  it('times the race as one interleaved series of 5 runs and maps every outcome to its row', async () => {
    const calls: { specs: ModelSpec[]; runs: number }[] = [];
    setTimer(async (specs, runs) => {
      calls.push({ specs, runs });
      // Still running while the series is in flight: every row says so at once.
      expect(usePaperRuns.getState().runs.race?.rows.map((r) => r.status)).toEqual(['running', 'running', 'running', 'running', 'running']);
      return specs.map((_, i) => (i === 2 ? { error: 'out of memory' } : { firstMs: 100 + i, steadyMs: 10 + i }));
    });
    const rows = await runRows('race', table7Rows);
    expect(RACE_STEADY_RUNS).toBe(5);
    expect(calls).toHaveLength(1);
    expect(calls[0].runs).toBe(5);
    expect(calls[0].specs).toHaveLength(5);
    expect(rows.map((r) => r.status)).toEqual(['done', 'done', 'error', 'done', 'done']);
    expect(rows.map((r) => r.steadyMs)).toEqual([10, 11, null, 13, 14]);
    expect(rows[2].error).toBe('out of memory');
    expect(usePaperRuns.getState().runs.race?.running).toBe(false);
  });

  it('marks every row failed when the series itself fails', async () => {
    setTimer(async () => {
      throw new Error('The inference engine is not ready');
    });
    const rows = await runRows('race', table7Rows, 1);
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('error'));
    expect(new Set(rows.map((r) => r.error))).toEqual(new Set(['The inference engine is not ready']));
    setTimer(null);
  });

  it('pressed before the weight source is known, waits for it: B0 comes from the source', async () => {
    useLab.setState({ source: null, status: 'starting' });
    const calls: ModelSpec[][] = [];
    setTimer(async (specs) => {
      calls.push(specs);
      return specs.map(() => ({ firstMs: 1, steadyMs: 1 }));
    });
    const done = runRows('race', table7Rows, 1);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toHaveLength(0); // nothing timed yet: no source
    expect(usePaperRuns.getState().runs.race?.rows.map((r) => r.status)).toEqual(Array(5).fill('running'));
    useLab.getState().setSource(SOURCE);
    expect((await done).map((r) => r.status)).toEqual(Array(5).fill('done'));
    expect(calls[0][0]).toEqual({ kind: 'official', variant: 0, source: SOURCE.baseUrl });
    setTimer(null);
  });

  it('a lab that could not start fails the rows with its reason (no request to a guessed URL)', async () => {
    useLab.setState({ source: null, status: 'error', error: 'no weights anywhere' });
    setTimer(async () => {
      throw new Error('must not be called');
    });
    const rows = await runRows('race', table7Rows, 1);
    expect(new Set(rows.map((r) => r.error))).toEqual(new Set(['The lab could not start: no weights anywhere']));
    setTimer(null);
  });

  it('a budget step times the four methods at φ in one series of 1 run and puts them on the chart, replacing that φ', async () => {
    const calls: number[] = [];
    setTimer(async (specs, runs) => {
      calls.push(runs);
      return specs.map((_, i) => ({ firstMs: 50, steadyMs: 20 + i + calls.length }));
    });
    await runBudget(2);
    await runBudget(2);
    expect(calls).toEqual([1, 1]);
    const points = usePaperRuns.getState().budget;
    expect(points.map((p) => [p.phi, p.method, p.steadyMs])).toEqual([
      [2, 'compound', 22],
      [2, 'depth', 23],
      [2, 'width', 24],
      [2, 'resolution', 25],
    ]);
    setTimer(null);
  });
});
