/** Compare's pure helpers (picker rules, progress, chart series, exports); every number from src/scaling. */
import { OFFICIAL_VARIANTS } from '../../scaling';
import type { CompareEntry } from '../../store/compare';
import { fmtPhi } from '../format';
import { officialOf, phiReadout } from '../readouts';
import { toggled } from '../../store/lab-store';

/** Fewer than two variants is not a comparison. */
export const MIN_PICKS = 2;

/** The picks after toggling variant k, or null when that would leave fewer than MIN_PICKS. */
export function togglePick(picks: readonly number[], k: number): number[] | null {
  return picks.includes(k) && picks.length <= MIN_PICKS ? null : toggled(picks, k).sort((a, b) => a - b);
}

/** "Running B1 (2 of 3)…" while a run is under way, a summary once it has finished, '' before. */
export function progressText(entries: readonly CompareEntry[], running: boolean): string {
  const n = entries.length;
  if (n === 0) return '';
  if (running) {
    // Entries run in order: the first unfinished one is active, or next between two variants.
    const i = entries.findIndex((e) => e.status !== 'done' && e.status !== 'error');
    const j = Math.max(0, i);
    const verb = entries[j].status === 'loading' ? 'Loading' : 'Running';
    return `${verb} ${entries[j].name} (${j + 1} of ${n})…`;
  }
  const done = entries.filter((e) => e.status === 'done').length;
  const errors = entries.filter((e) => e.status === 'error').length;
  return `Finished ${done} of ${n}${errors ? ` (${errors} failed)` : ''}.`;
}

export function latencyPoints(entries: readonly CompareEntry[]) {
  return entries.flatMap(({ status, name, variant, flops, steadyMs: m, p25Ms, p75Ms }) =>
    status === 'done' && m != null && m > 0 ? [{ name, variant, flops, steadyMs: m, range: [m - (p25Ms ?? m), (p75Ms ?? m) - m] as const }] : [],
  );
}

/** B0–B7: paper top-1 against FLOPs computed by src/scaling (the φ marker's measure, so they line up), sorted by FLOPs.
 *  Built once: the charts read it on every render, and one array keeps recharts' data unchanged. */
export const ACCURACY_SERIES = OFFICIAL_VARIANTS.map((v) => ({
  name: v.name,
  variant: v.index,
  flops: officialOf(v.index).flops,
  paperFlops: v.paperFlops,
  top1: v.paperTop1,
})).sort((a, b) => a.flops - b.flops);

/** No accuracy exists between integers: a line at the formula network's FLOPs, and the nearest official
 *  variant (the only point with a paper accuracy) ringed. */
export function phiMarker(phi: number) {
  const r = phiReadout(phi);
  const nearest = ACCURACY_SERIES.find((p) => p.variant === r.variant)!;
  return { label: `φ=${fmtPhi(phi)}`, flops: r.formula.flops, nearest };
}

/** Padded [min, max] for a log axis, so end points are not drawn on the frame. */
export function logDomain(values: readonly number[], pad = 1.6): [number, number] {
  const pos = values.filter((v) => v > 0);
  if (pos.length === 0) return [1, 10];
  return [Math.min(...pos) / pad, Math.max(...pos) * pad];
}

/** Compact tick for round values: "50", "0.3", "1000". */
export const fmtTick = (v: number) => String(Number(v.toPrecision(3)));

/** Compact axis tick: "500M", "1B", "2.5B" (fmtFlops' "1.00 B" crowds a log axis). */
export const fmtFlopsTick = (macs: number) => (macs >= 1e9 ? `${fmtTick(macs / 1e9)}B` : `${fmtTick(macs / 1e6)}M`);

/** Log-axis ticks inside [lo, hi]: 1-2-5 per decade over a short span, 1-3 over a medium one,
 *  decades only over a wide one, so a 280px axis keeps its labels apart. */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  const span = hi / lo;
  const steps = span <= 30 ? [1, 2, 5] : span <= 3000 ? [1, 3] : [1];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of steps) {
      const t = Number((m * 10 ** e).toPrecision(12));
      if (t >= lo && t <= hi) ticks.push(t);
    }
  }
  return ticks;
}

/** The variants whose top-1 is the most common among finished entries (two or more share it), and that top-1's label (null without a majority). */
export function agreement(entries: readonly CompareEntry[]): { agree: Set<number>; label: string | null } {
  const counts = new Map<number, number>();
  for (const e of entries) if (e.top5[0]) counts.set(e.top5[0].index, (counts.get(e.top5[0].index) ?? 0) + 1);
  let best = -1;
  let n = 1;
  for (const [idx, c] of counts) if (c > n) [best, n] = [idx, c];
  const agreeing = entries.filter((e) => e.top5[0]?.index === best);
  return { agree: new Set(agreeing.map((e) => e.variant)), label: agreeing[0]?.top5[0].label ?? null };
}

/** The JSON export: the entries as they are (numbers unformatted). */
export function compareJson(entries: readonly CompareEntry[]): string {
  // Class activation maps stay out: pictures, not measurements.
  const measured = entries.map(({ cam: _cam, ...rest }) => rest);
  return `${JSON.stringify(measured, null, 2)}\n`;
}
