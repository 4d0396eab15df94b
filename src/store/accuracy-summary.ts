/** The class's own accuracy measurement, as the deck's "accuracy the class measured" slide shows
 *  it: one row per network. The Evaluate view's store publishes its finished summary here
 *  (publishAccuracy); null until a run has finished, and the slide then says how to make one. */
import { create } from 'zustand';

export interface AccuracyRow {
  /** The network's name as the lab shows it ("B0", "formula φ 2.5"…). */
  network: string;
  correct: number;
  total: number;
}

export const useAccuracySummary = create<{ rows: AccuracyRow[] | null }>()(() => ({ rows: null }));

/** A finished evaluation's per-network counts (null forgets them). Rows without photos are left out. */
export function publishAccuracy(rows: AccuracyRow[] | null): void {
  const kept = rows?.filter((r) => r.total > 0) ?? null;
  useAccuracySummary.setState({ rows: kept && kept.length > 0 ? kept : null });
}
