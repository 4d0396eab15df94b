/** Words and points for the Evaluate view, from the run's data (pure, tested). */
import type { NetworkSummary } from '../../store/eval-results';
import type { EvalNetwork, EvalState } from '../../store/evaluate';
import { fmtEta } from '../format';

/** The 95% Wilson interval as "a–b%". */
export const fmtCi = (ci: NetworkSummary['ci']): string => (ci ? `${ci.lo.toFixed(1)}–${ci.hi.toFixed(1)}%` : '—');

/** "40 / 200 · 12.3 images/s · ETA 13 s" (images/s over the wall time so far; or the phase while a network loads). */
export function progressLine(s: Pick<EvalState, 'done' | 'rows' | 'elapsedMs' | 'running' | 'cancelled' | 'phase'>): string {
  const { done, running } = s;
  const total = s.rows.length;
  const perSec = done > 0 && s.elapsedMs > 0 ? (1000 * done) / s.elapsedMs : null;
  const parts = [`${done} / ${total}`];
  if (perSec !== null) parts.push(`${perSec.toFixed(1)} images/s`);
  if (running && perSec !== null && done < total) parts.push(`ETA ${fmtEta((total - done) / perSec)}`);
  if (running && s.phase) parts.push(s.phase);
  if (!running && s.cancelled) parts.push('cancelled: the result holds the images classified so far');
  else if (!running && total > 0 && done === total) parts.push('done');
  return parts.join(' · ');
}

/** Measured top-1 per network, against FLOPs and against ms per image: the summaries with a top-1 and known FLOPs. */
export const measuredPoints = (summaries: readonly NetworkSummary[]) => summaries.filter((s) => s.top1 !== null && Number.isFinite(s.flops));

/** The pairs for "what the bigger network gets right": the largest network against the smallest. */
export function contrastPair(networks: readonly EvalNetwork[]): { small: number; big: number } | null {
  if (networks.length < 2) return null;
  // A dropped model's size is unknown here: it counts as the biggest.
  const order = networks.map((n, i) => ({ i, flops: Number.isFinite(n.flops) ? n.flops : Infinity })).sort((a, b) => a.flops - b.flops);
  return { small: order[0].i, big: order[order.length - 1].i };
}
