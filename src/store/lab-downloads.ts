/** The lab's weight downloads beside its runs: the neighbour prefetch (speculative, one at a time)
 *  and, on a slow network, the variant φ asks for while the one loaded answers in its place. Both
 *  are the worker's `prefetch` requests; their progress goes to the store's load bars. */
import { isOffline } from '../model/artifacts';
import { isVariantIndex } from '../scaling';
import { modelIdOf, type Answer, type ModelSpec } from '../worker/protocol';
import { RateMeter } from './download-rate';
import type { EngineClient } from './engine';
import { labNameOf } from './lab-spec';
import type { LabState } from './lab-store';
import type { QuietGate } from './quiet';
import { officialSpec } from './source';

export function labDownloads(client: EngineClient, lab: () => LabState, gate: QuietGate) {
  /** Model ids prefetched (or in flight) this session. */
  const prefetched = new Set<string>();
  /** The prefetch in flight, and the variant whose neighbour it fetches. */
  let prefetching: { id: number; from: number } | null = null;
  /** The network φ asks for, downloading while another answers. */
  let wanted: { id: number; model: string; key: string } | null = null;
  /** Variants whose download failed: the lab's own load runs next and reports why. */
  const failed = new Set<string>();
  const meters = new Map<string, RateMeter>();

  /** A download's progress into its load bar (one that starts again from 0 gets a new meter). */
  function track(key: string, p: Answer<'progress'>): void {
    if (p.phase !== 'download' && p.phase !== 'cache') return;
    let m = meters.get(key);
    if (!m || p.loaded === 0) meters.set(key, (m = new RateMeter()));
    lab().setLoad(key, { phase: p.phase, loaded: p.loaded, total: p.total, ...m.sample(p.loaded, p.total, performance.now()) });
  }

  /** Downloads `spec` into the cache on its load bar (cached, or dropped when it fails): the
   *  request's id, the bar's key, and whether it succeeded. */
  function prefetch(spec: ModelSpec): { id: number; key: string; ok: Promise<boolean> } {
    const key = labNameOf(spec);
    const req = client.send({ type: 'prefetch', model: spec }, ['prefetched'], { onProgress: (p) => track(key, p) });
    const ok = req.done.then(
      (a) => {
        lab().setLoad(key, { phase: 'cached', loaded: a.bytes, total: a.bytes, fromCache: a.fromCache });
        return true;
      },
      () => {
        lab().dropDownload(key);
        return false;
      },
    );
    return { id: req.id, key, ok };
  }

  /** Downloads a neighbour of Bk into the cache, one at a time; false when held by a pause. */
  function prefetchNeighbours(k: number): boolean {
    const src = lab().source;
    // Offline (a prepared classroom) a speculative download can only fail: not even tried.
    if (!src || src.kind === 'random' || prefetching !== null || isOffline()) return true;
    if (gate.paused) return false;
    const spec = [k + 1, k - 1]
      .filter(isVariantIndex)
      .map((n) => officialSpec(n, src.baseUrl))
      .find((s) => !prefetched.has(modelIdOf(s)) && !lab().loads[labNameOf(s)]);
    if (spec === undefined) return true;
    const model = modelIdOf(spec);
    prefetched.add(model);
    const req = prefetch(spec);
    prefetching = { id: req.id, from: k };
    void gate.track(
      req.ok.then((ok) => {
        if (!ok) prefetched.delete(model); // a prefetch failure is silent: the real load reports it
        prefetching = null;
      }),
    );
    return true;
  }

  /** The variant that answers while `key` (official Bk) downloads: the one on show when it is
   *  loaded and `key` is neither loaded, cached here this session, nor failed; else null. */
  function standIn(key: string): number | null {
    const { source, loads, result } = lab();
    if (!source || source.kind === 'random' || failed.has(key) || loads[key]?.phase === 'ready' || loads[key]?.phase === 'cached') return null;
    if (!result || result.spec.kind !== 'official' || result.variant === null || result.name === key || loads[result.name]?.phase !== 'ready') return null;
    return result.variant;
  }

  /** Downloads `spec` for the lab; `fetched` runs once it is cached or failed, not if abandoned. */
  function fetchWanted(spec: ModelSpec, fetched: () => void): void {
    const model = modelIdOf(spec);
    if (wanted?.model === model) return;
    const req = prefetch(spec);
    const w = (wanted = { id: req.id, model, key: req.key });
    void req.ok.then((ok) => {
      if (wanted !== w) return; // abandoned (φ moved on): not this job's to report
      wanted = null;
      if (!ok) failed.add(w.key);
      fetched();
    });
  }

  /** Aborts the lab's download unless it is of `model` (φ moved away); true when one was aborted. */
  function abandon(model?: string): boolean {
    if (!wanted || wanted.model === model) return false;
    const w = wanted;
    wanted = null;
    lab().dropDownload(w.key);
    client.cancel(w.id);
    return true;
  }

  return {
    track,
    prefetchNeighbours,
    standIn,
    fetchWanted,
    abandon,
    /** Cancels the speculative prefetch in flight; the variant it was for, or null. */
    cancelPrefetch(): number | null {
      if (!prefetching) return null;
      client.cancel(prefetching.id);
      return prefetching.from;
    },
    retry: () => failed.clear(),
  };
}
