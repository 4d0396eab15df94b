/** The human-readable side of `npm run bench`: markdown table plus the speed targets. */
import { cell, COLUMNS } from '../../src/store/bench-format.ts';
import type { BenchReport, BenchResult } from '../../src/worker/bench-protocol.ts';

export function toMarkdown(report: BenchReport): string {
  const head = `| ${COLUMNS.map((c) => c.label).join(' | ')} |`;
  const rule = `|${COLUMNS.map(() => '---').join('|')}|`;
  const rows = report.results.map((r) => `| ${COLUMNS.map((c) => cell(r, c)).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

export interface TargetCheck {
  what: string;
  ok: boolean;
  value: string;
}

const fmt = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '—' : v.toFixed(d));

/** The project's speed targets, checked on what was measured (a target nothing measured is left out). */
export function checkTargets(results: BenchResult[]): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const r of results) {
    const id = `${r.backend} ${r.variant}${r.threadsAsked ? ` ×${r.threadsAsked} threads` : ''}`;
    if (r.ownOverGraph !== undefined) {
      const limit = r.backend === 'webgpu' ? 0.8 : 1.0;
      out.push({ what: `${id}: own/graph median ≤ ${limit}`, ok: r.ownOverGraph <= limit, value: fmt(r.ownOverGraph) });
    }
    if (r.ownOverOrt !== undefined) {
      // Issue 14: at least ORT-web's speed on webgpu; issue 23: ≤ 0.75× it on wasm at equal threads.
      const limit = r.backend === 'webgpu' ? 1.0 : 0.75;
      out.push({ what: `${id}: own/ORT-web (${r.ortEp}) median ≤ ${limit}`, ok: r.ownOverOrt <= limit, value: fmt(r.ownOverOrt) });
      out.push({ what: `${id}: ORT-web max |Δp| ≤ 1e-4`, ok: (r.ortMaxAbsDiff ?? Infinity) <= 1e-4, value: (r.ortMaxAbsDiff ?? NaN).toExponential(1) });
    } else if (r.ortError) {
      out.push({ what: `${id}: ORT-web ran`, ok: false, value: r.ortError });
    }
    if (r.ownThreads !== undefined) {
      // Issue 23: threaded by default; a pass asking for a count (--threads) must get exactly it.
      const asked = r.threadsAsked;
      out.push({
        what: asked ? `${id}: wasm threads as asked (ORT-web at the same count)` : `${id}: wasm threads ≥ 2 (ORT-web at the same count)`,
        ok: (asked ? r.ownThreads === asked : r.ownThreads >= 2) && r.ortThreads === r.ownThreads,
        value: `${r.ownThreads}, ORT ${r.ortThreads ?? '—'}`,
      });
      // Issue 23: the network's achieved GFLOP/s beside the 1024² matMul's, same worker and threads.
      out.push({
        what: `${id}: GFLOP/s beside the 1024² matMul's at ${r.ownThreads} thread(s)`,
        ok: r.gflops > 0 && r.matmulGflops !== null && r.matmulGflops > 0,
        value: `${fmt(r.gflops)} of ${fmt(r.matmulGflops)} (${fmt(r.gflopsRatio)})`,
      });
    }
    if (r.backend === 'webgpu' || r.backend === 'wasm') {
      const x = r.firstMs / r.medianMs;
      out.push({ what: `${id}: first ≤ 3× steady`, ok: x <= 3, value: `${fmt(x)}× (warm-up ${fmt(r.warmUpMs, 0)} ms before it)` });
    }
    out.push({
      what: `${id}: 0 tensors leaked (runs, switch)`,
      ok: r.leakedTensors === 0 && r.leakedAfterSwitch === 0,
      value: `${r.leakedTensors}, ${r.leakedAfterSwitch}`,
    });
    const k = Number(r.variant.slice(1));
    if (k <= 3 && r.loadCacheMs !== null) {
      out.push({ what: `${id}: cached weights ready < 1 s`, ok: r.loadCacheMs < 1000, value: `${fmt(r.loadCacheMs, 0)} ms` });
    }
  }
  return out;
}

export function toReportMarkdown(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `**Machine:** ${m.userAgent}`,
    `cores ${m.hardwareConcurrency ?? '?'} · tfjs ${m.tfjs} · WebGPU adapter ${m.adapter ?? '—'} · cross-origin isolated ${m.crossOriginIsolated}`,
    '',
    toMarkdown(report),
    '',
    'GFLOP/s = 2 × multiply-adds / median time. Times until the probabilities are read back.',
    '',
    '**Targets**',
    '',
    ...checkTargets(report.results).map((t) => `- ${t.ok ? '✅' : '❌'} ${t.what}: ${t.value}`),
  ];
  if (report.errors?.length) lines.push('', '**Errors**', '', ...report.errors.map((e) => `- ${e}`));
  return lines.join('\n');
}
