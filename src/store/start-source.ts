/** The model source the engine starts with: the probed one, or offline the one that worked
 *  last time (so cached weights still load); a foreign ?models= host only once the user has
 *  confirmed it, and never one this build's CSP blocks (see source-gate.ts). */
import type { StoreApi } from 'zustand/vanilla';
import type { LabState } from './lab-store';
import { RANDOM_SOURCE } from './weights-mode';
import { rememberedSource, resolveModelSource, type ModelSource } from './model-source';
import { gateSource, type AskSource } from './source-gate';

const SOURCE_KEY = 'phiLab.modelSource';

function offlineSource(resolved: ModelSource, explicit: boolean): ModelSource {
  try {
    const remembered = rememberedSource(localStorage.getItem(SOURCE_KEY), location.origin); // validated: storage is writable by the whole origin
    if (!navigator.onLine && remembered && !explicit) return remembered;
    if (resolved.kind !== 'url') localStorage.setItem(SOURCE_KEY, JSON.stringify(resolved)); // a link's source is never kept
  } catch {
    // storage blocked (private mode): no memory of the source
  }
  return resolved;
}

export async function startSource(models: string | null, weights: 'random' | null, ask: AskSource): Promise<ModelSource> {
  if (weights === 'random') return RANDOM_SOURCE;
  return gateSource(offlineSource(await resolveModelSource(models, location.origin), !!models), ask);
}

/** The weights' base URL once the engine has its source; rejects if the lab could not start. */
export function whenSource(store: StoreApi<LabState>, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(() => reject(new Error('No model source after 2 minutes'))), timeoutMs);
    const unsub = store.subscribe((s) => check(s));
    function settle(f: () => void) {
      clearTimeout(timer);
      unsub();
      f();
    }
    function check(s: LabState) {
      if (s.source?.baseUrl) settle(() => resolve(s.source!.baseUrl));
      else if (s.status === 'error' && s.error) settle(() => reject(new Error(`The lab could not start: ${s.error}`)));
    }
    check(store.getState());
  });
}
