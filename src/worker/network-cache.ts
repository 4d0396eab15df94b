/** The inference worker's loaded networks, most recently used last, each with its latency
 *  bookkeeping. Few are kept (B7 alone is 265 MB of weights); a running timed series pins the
 *  networks it needs so none of them is evicted halfway. */
import type { Classifier } from '../model/classifier';
import { LatencyStats } from '../model/timing';

/** A loaded network and its latency record. */
export type LoadedNetwork = { classifier: Classifier; stats: LatencyStats };

export class ModelCache {
  private readonly models = new Map<string, LoadedNetwork>();
  private readonly pinned = new Set<string>();

  constructor(private readonly max = 3) {}

  /** The network and its latency record, marked most recently used. */
  get(id: string): LoadedNetwork | undefined {
    const m = this.models.get(id);
    if (m) {
      this.models.delete(id);
      this.models.set(id, m);
    }
    return m;
  }

  /** A freshly built network (its latency record starts empty). */
  add(id: string, classifier: Classifier): LoadedNetwork {
    const m = { classifier, stats: new LatencyStats() };
    this.models.set(id, m);
    this.trim();
    return m;
  }

  /** Runs `f` with the networks `ids` pinned: none of them is evicted halfway. */
  async whilePinned<T>(ids: string[], f: () => Promise<T>): Promise<T> {
    ids.forEach((id) => this.pinned.add(id));
    try {
      return await f();
    } finally {
      this.pinned.clear();
      this.trim();
    }
  }

  /** Frees every network (a lost device, exhausted memory); they rebuild on demand. */
  clear(): void {
    for (const m of this.models.values()) {
      try {
        m.classifier.dispose();
      } catch {
        // tensors of a lost device may refuse to dispose; they are unreachable either way
      }
    }
    this.models.clear();
  }

  /** Evicts from the oldest; never a pinned network, nor the newest (just built, about to run). */
  private trim(): void {
    const newest = [...this.models.keys()].pop();
    for (const [id, old] of this.models) {
      if (this.models.size <= this.max) return;
      if (this.pinned.has(id) || id === newest) continue;
      old.classifier.dispose();
      this.models.delete(id);
    }
  }
}
