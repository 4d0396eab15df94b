/** Pure formatting and parsing for the benchmark: table columns (the view, CSV and the CLI's
 *  markdown share them) and the bench URL parameters. */
import type { BenchReport, BenchResult } from '../worker/bench-protocol';
import { csvText } from '../scaling/csv';
import { KERNEL_CLASSES, type KernelReport } from '../model/kernels/plan';
import { readUrl } from './url-props';

/** Each column's label, and its digits where it is a rounded number; one line per topic, in order. */
const COLUMN_ROWS: { [K in keyof BenchResult]?: string | readonly [string, number] }[] = [
  { backend: 'backend', variant: 'variant', weights: 'weights' },
  { loadNetworkMs: ['load net ms', 0], loadCacheMs: ['load cache ms', 0], warmUpMs: ['warm-up ms', 0], firstMs: ['first ms', 0] },
  { medianMs: ['median ms', 1], p95Ms: ['p95 ms', 1] },
  { gflops: ['GFLOP/s', 2], matmulGflops: ['matMul GFLOP/s', 2], gflopsRatio: ['ratio', 2], ownThreads: ['threads', 0] },
  { graphMedianMs: ['graph median ms', 1], ownOverGraph: ['own/graph', 2], graphMaxAbsDiff: 'max |Δp|' },
  { ortMedianMs: ['ORT median ms', 1], ortThreads: ['ORT threads', 0], ownOverOrt: ['own/ORT', 2], ortMaxAbsDiff: 'ORT max |Δp|' },
  { imagesPerSecAlone: ['img/s batch 1', 2], evalBatch: ['Evaluate batch', 0], imagesPerSecBatch: ['img/s batched', 2] },
  { leakedTensors: ['leaked', 0], leakedAfterSwitch: ['leaked after switch', 0], peakGpuBytes: 'peak GPU MB' },
  { kernels: 'kernels', pipelines: 'pipelines own/all' },
];

export const COLUMNS = COLUMN_ROWS.flatMap((row) =>
  Object.entries(row).map(([key, l]) => ({
    key: key as keyof BenchResult,
    label: typeof l === 'string' ? l : l[0],
    digits: typeof l === 'string' ? undefined : l[1],
  })),
);

export function cell(r: BenchResult, c: (typeof COLUMNS)[number]): string {
  const v = r[c.key];
  if (c.key === 'weights') return v === 'random' ? 'random (seeded, built here)' : 'converted';
  if (v === null || v === undefined) return '—';
  if (c.key === 'peakGpuBytes') return ((v as number) / 1e6).toFixed(1);
  if (c.key === 'graphMaxAbsDiff' || c.key === 'ortMaxAbsDiff') return (v as number).toExponential(1);
  if (c.key === 'kernels') return kernelsCell(v as KernelReport);
  if (c.key === 'pipelines') return `${(v as { own: number }).own}/${(v as { total: number }).total}`;
  if (typeof v === 'number') return c.digits === undefined ? String(v) : v.toFixed(c.digits);
  return String(v as string | boolean);
}

/** "pointwise tiled 3.1 ms (fused 9.0, stock 4.2) · …": each class's choice and what it beat. */
function kernelsCell(k: KernelReport): string {
  const ms = (v: number | null | undefined) => (v === null ? 'failed' : v === undefined ? '—' : v.toFixed(1));
  const classes = KERNEL_CLASSES.map((c) => {
    const t = k.timings[c] ?? {};
    const others = Object.entries(t)
      .filter(([name]) => name !== k.plan[c])
      .map(([name, v]) => `${name} ${ms(v)}`);
    const own = t[k.plan[c]];
    return `${c} ${k.plan[c]}${own !== undefined ? ` ${ms(own)} ms` : ''}${others.length ? ` (${others.join(', ')})` : ''}`;
  });
  return `${k.mode}${k.cached ? ' (cached)' : ''}: ${classes.join(' · ')}`;
}

/** Every result field (raw, unrounded), one row per backend × variant. */
export function toCsv(report: BenchReport): string {
  const keys = COLUMNS.map((c) => c.key as string);
  for (const r of report.results) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  const rows = report.results.map((r) => keys.map((k) => (r as unknown as Record<string, unknown>)[k]));
  return csvText(keys, rows);
}

/** A bench link's settings (the runner's, less the weights' source, plus whether it starts itself):
 *  `?auto=1&backends=webgpu,wasm&variants=B0,B1&runs=5&flags=K=V,…&kernels=&threads=1,2`, all optional. */
export function parseBenchParams(search: string) {
  const { auto, backends, variants, runs, flags, kernels, threads } = readUrl(search, 'bench').values;
  return { auto, backends, variants, runs, ...(flags && { flags }), ...(kernels && { kernels }), ...(threads.length ? { threads } : {}) };
}
