/** Cache Storage's two habits, for the weights' cache and the kept sample photos alike. */

/** `f`'s result, or `fallback` when it throws (Cache Storage fails on quota, opaque origins…). */
export async function orElse<T>(f: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await f();
  } catch {
    return fallback;
  }
}

/** The named cache; null where there is no Cache Storage (opaque origins, some private modes). */
export const openNamedCache = (name: string): Promise<Cache | null> =>
  orElse(async () => (typeof caches === 'undefined' ? null : await caches.open(name)), null);
