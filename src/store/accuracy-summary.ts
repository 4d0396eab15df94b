/** The class's own accuracy measurement, as the deck's "accuracy the class measured" slide shows
 *  it: one row per network. The Evaluate view's store publishes its finished summary here
 *  (publishAccuracy) into the app store's accuracy slice; null until a run has finished, and the slide then
 *  says how to make one. */
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { AppState } from './app-store';

export interface AccuracyRow {
  /** The network's name as the lab shows it ("B0", "formula φ 2.5"…). */
  network: string;
  correct: number;
  total: number;
}

export const accuracySlice: StateCreator<AppState, [], [], Pick<AppState, 'accuracy'>> = () => ({ accuracy: { rows: null } });

/** A finished evaluation's per-network counts (null forgets them). Rows without photos are left out. */
export function publishAccuracy(store: StoreApi<AppState>, rows: AccuracyRow[] | null): void {
  const kept = rows?.filter((r) => r.total > 0) ?? null;
  store.setState({ accuracy: { rows: kept && kept.length > 0 ? kept : null } });
}
