/** The class's own accuracy measurement for the deck's "accuracy the class measured" slide, one row
 *  per network; null until an evaluation has finished. */
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from './app-store';
import type { NetworkSummary } from './eval-results';

/** `network`: the name as the lab shows it ("B0", "formula φ 2.5"…). */
export type AccuracyRow = Pick<NetworkSummary, 'network' | 'correct' | 'total'>;

/** A finished evaluation's counts (null forgets them); rows without photos are left out. */
export function publishAccuracy(store: StoreApi<AppState>, rows: readonly AccuracyRow[] | null): void {
  const kept = rows?.filter((r) => r.total > 0).map(({ network, correct, total }) => ({ network, correct, total })) ?? null;
  store.setState({ accuracy: { rows: kept && kept.length > 0 ? kept : null } });
}
