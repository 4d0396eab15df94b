/** Pure formatting and parsing for the benchmark: table columns (view, CSV and the CLI's
 *  markdown share them) and the bench URL parameters. */
import type { BenchFlags, BenchReport, BenchResult } from '../worker/bench-protocol';
import { isBackendName, type BackendName } from '../model/backend-name';
import { parseVariantName } from '../scaling';
import { csvText } from '../scaling/csv';
import { BENCH_BACKENDS } from '../worker/bench-protocol';
import { isKernelMode, KERNEL_CLASSES, type KernelMode, type KernelReport } from '../model/kernels/plan';

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
}

export const DEFAULT_PARAMS: BenchParams = { auto: false, backends: [...BENCH_BACKENDS], variants: [0, 1], runs: 5 };

/** "A=1,B=true" → { A: 1, B: true }; malformed entries are dropped. */
export function parseFlags(raw: string): BenchFlags {
  const flags: BenchFlags = {};
  for (const part of raw.split(',')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m) continue;
    const v = m[2];
    flags[m[1]] = v === 'true' ? true : v === 'false' ? false : Number(v);
    if (typeof flags[m[1]] === 'number' && !Number.isFinite(flags[m[1]])) delete flags[m[1]];
  }
  return flags;
}

/** `?auto=1&backends=webgpu,wasm&variants=B0,B1&runs=5&flags=K=V,…` (all optional). */
export function parseBenchParams(search: string): BenchParams {
  const q = new URLSearchParams(search);
  const p: BenchParams = { ...DEFAULT_PARAMS, backends: [...DEFAULT_PARAMS.backends], variants: [...DEFAULT_PARAMS.variants] };
  p.auto = q.get('auto') === '1' || q.get('auto') === 'true';
  const backends = q.get('backends');
  if (backends) {
    const list = [...new Set(backends.split(',').map((s) => s.trim()))].filter(isBackendName);
    if (list.length) p.backends = list;
  }
  const variants = q.get('variants');
  if (variants) {
    const list = [...new Set(variants.split(',').map((s) => parseVariantName(s, { bare: true })))].filter((k): k is number => k !== null);
    if (list.length) p.variants = list.sort((a, b) => a - b);
  }
  const runs = Number(q.get('runs'));
  if (Number.isInteger(runs) && runs >= 1) p.runs = Math.min(runs, 200);
  const kernels = q.get('kernels');
  if (isKernelMode(kernels)) p.kernels = kernels;
  const flags = q.get('flags');
  if (flags) {
    const f = parseFlags(flags);
    if (Object.keys(f).length) p.flags = f;
  }
  return p;
}
