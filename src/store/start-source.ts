/** The model source the engine starts with: the probed one, or offline the one that worked
 *  last time (so cached weights still load), plus a notice when this build's CSP blocks it. */
import type { StoreApi } from 'zustand/vanilla';
import type { LabState } from './lab-store';
import { RANDOM_SOURCE } from './weights-mode';
import { allowedByCsp, cspConnectOrigins, resolveModelSource, type ModelSource } from './model-source';

const SOURCE_KEY = 'phiLab.modelSource';

function offlineSource(resolved: ModelSource, explicit: boolean): ModelSource {
  try {
    const remembered = localStorage.getItem(SOURCE_KEY);
    if (!navigator.onLine && remembered && !explicit) return JSON.parse(remembered) as ModelSource;
    localStorage.setItem(SOURCE_KEY, JSON.stringify(resolved));
  } catch {
    // storage blocked (private mode): no memory of the source
  }
  return resolved;
}

export async function startSource(models: string | null, weights: 'random' | null = null): Promise<{ source: ModelSource; notice: string | null }> {
  if (weights === 'random') return { source: RANDOM_SOURCE, notice: null };
  const source = offlineSource(await resolveModelSource(models, location.origin), !!models);
  const notice = allowedByCsp(source.baseUrl, location.origin, cspConnectOrigins())
    ? null
    : `This build's Content-Security-Policy does not allow fetching weights from ${new URL(source.baseUrl).origin}; ` +
      'rebuild with VITE_CSP_CONNECT_EXTRA to allow it.';
  return { source, notice };
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
