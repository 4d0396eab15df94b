/** Pure formatting and parsing for the benchmark: table columns (view, CSV and the CLI's
 *  markdown share them) and the bench URL parameters. */
import type { BenchFlags, BenchReport, BenchResult } from '../worker/bench-protocol';
import type { BackendName } from '../model/backend-name';
import { csvText } from '../scaling/csv';
import { KERNEL_CLASSES, type KernelMode, type KernelReport } from '../model/kernels/plan';
import { readUrl } from './url-props';

export interface Column {
  key: keyof BenchResult;
  label: string;
  digits?: number;
}

export const COLUMNS: Column[] = [
  { key: 'backend', label: 'backend' },
  { key: 'variant', label: 'variant' },
  { key: 'weights', label: 'weights' },
  { key: 'loadNetworkMs', label: 'load net ms', digits: 0 },
  { key: 'loadCacheMs', label: 'load cache ms', digits: 0 },
  { key: 'warmUpMs', label: 'warm-up ms', digits: 0 },
  { key: 'firstMs', label: 'first ms', digits: 0 },
  { key: 'medianMs', label: 'median ms', digits: 1 },
  { key: 'p95Ms', label: 'p95 ms', digits: 1 },
  { key: 'gflops', label: 'GFLOP/s', digits: 2 },
  { key: 'matmulGflops', label: 'matMul GFLOP/s', digits: 2 },
  { key: 'gflopsRatio', label: 'ratio', digits: 2 },
  { key: 'ownThreads', label: 'threads', digits: 0 },
  { key: 'graphMedianMs', label: 'graph median ms', digits: 1 },
  { key: 'ownOverGraph', label: 'own/graph', digits: 2 },
  { key: 'graphMaxAbsDiff', label: 'max |Δp|' },
  { key: 'ortMedianMs', label: 'ORT median ms', digits: 1 },
  { key: 'ortThreads', label: 'ORT threads', digits: 0 },
  { key: 'ownOverOrt', label: 'own/ORT', digits: 2 },
  { key: 'ortMaxAbsDiff', label: 'ORT max |Δp|' },
  { key: 'imagesPerSecAlone', label: 'img/s batch 1', digits: 2 },
  { key: 'evalBatch', label: 'Evaluate batch', digits: 0 },
  { key: 'imagesPerSecBatch', label: 'img/s batched', digits: 2 },
  { key: 'leakedTensors', label: 'leaked', digits: 0 },
  { key: 'leakedAfterSwitch', label: 'leaked after switch', digits: 0 },
  { key: 'peakGpuBytes', label: 'peak GPU MB' },
  { key: 'kernels', label: 'kernels' },
  { key: 'pipelines', label: 'pipelines own/all' },
];

export function cell(r: BenchResult, c: Column): string {
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
export function kernelsCell(k: KernelReport): string {
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

export function toMarkdown(report: BenchReport): string {
  const head = `| ${COLUMNS.map((c) => c.label).join(' | ')} |`;
  const rule = `|${COLUMNS.map(() => '---').join('|')}|`;
  const rows = report.results.map((r) => `| ${COLUMNS.map((c) => cell(r, c)).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

/** Every result field (raw, unrounded), one row per backend × variant. */
export function toCsv(report: BenchReport): string {
  const keys = COLUMNS.map((c) => c.key as string);
  for (const r of report.results) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  return csvText(
    keys,
    report.results.map((r) => keys.map((k) => (r as unknown as Record<string, unknown>)[k])),
  );
}

export interface BenchParams {
  auto: boolean;
  backends: BackendName[];
  variants: number[];
  runs: number;
  flags?: BenchFlags;
  kernels?: KernelMode;
  /** wasm thread counts, one pass each. */
  threads?: number[];
}

/** `?auto=1&backends=webgpu,wasm&variants=B0,B1&runs=5&flags=K=V,…&kernels=&threads=1,2` (all
 *  optional; the property table in url-props.ts reads them). */
export function parseBenchParams(search: string): BenchParams {
  const { auto, backends, variants, runs, flags, kernels, threads } = readUrl(search, 'bench').values;
  return { auto, backends, variants, runs, ...(flags && { flags }), ...(kernels && { kernels }), ...(threads.length ? { threads } : {}) };
}
