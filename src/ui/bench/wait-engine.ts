/** The bench shares the page with the lab engine, which on start-up classifies the current
 *  variant and prefetches a neighbour into the cache. Timings taken meanwhile would share the
 *  CPU/GPU with it, and a prefetch could refill the cache between "clear" and "network load", so
 *  the bench waits for the model source and then for the engine to stay quiet for a while. */
import { useLab, type LabState } from '../../store/lab-store';

export function waitForBaseUrl(timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (s: LabState) => {
      if (s.source?.baseUrl) {
        unsub();
        clearTimeout(timer);
        resolve(s.source.baseUrl);
        return true;
      }
      if (s.status === 'error' && s.error && !s.source) {
        unsub();
        clearTimeout(timer);
        reject(new Error(`The lab could not start: ${s.error}`));
        return true;
      }
      return false;
    };
    const timer = setTimeout(() => {
      unsub();
      reject(new Error('No model source after 2 minutes'));
    }, timeoutMs);
    const unsub = useLab.subscribe((s) => void check(s));
    check(useLab.getState());
  });
}

const busy = (s: LabState) =>
  s.status === 'starting' ||
  s.status === 'loading' ||
  s.status === 'compiling' ||
  s.status === 'running' ||
  Object.values(s.loads).some((l) => l.phase === 'download' || l.phase === 'cache' || l.phase === 'build');

/** Resolves once the engine has been idle for `quietMs` (or after `maxMs` regardless). */
export function waitForQuietEngine(quietMs = 2000, maxMs = 180_000): Promise<void> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let quietSince = busy(useLab.getState()) ? null : performance.now();
    const unsub = useLab.subscribe((s) => {
      quietSince = busy(s) ? null : (quietSince ?? performance.now());
    });
    const timer = setInterval(() => {
      const t = performance.now();
      if ((quietSince !== null && t - quietSince >= quietMs) || t - t0 >= maxMs) {
        clearInterval(timer);
        unsub();
        resolve();
      }
    }, 200);
  });
}
