/** Tuned plans, cached per adapter + tfjs version + network shape in IndexedDB (which module
 *  workers have, unlike localStorage), with an in-memory layer for Node and private modes.
 *  A cache that cannot be opened costs a re-tune, never an error. */
import { CANDIDATES, KERNEL_CLASSES, type KernelReport } from './plan';

export type StoredTuning = Omit<KernelReport, 'cached' | 'mode'>;

const DB = 'effnet-kernels';
const STORE = 'plans';
const memory = new Map<string, StoredTuning>();

async function transact<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T | null> {
  if (typeof indexedDB === 'undefined') return null;
  const db = await new Promise<IDBDatabase | null>((resolve) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
  if (!db) return null;
  try {
    return await new Promise<T | null>((resolve) => {
      const req = run(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result ?? null);
      req.onerror = () => resolve(null);
    });
  } finally {
    db.close();
  }
}

/** What a plan is tuned for: a plan from another adapter (driver included), tfjs version,
 *  network shape or batch has its own key, so it is never used here. */
export function tuningKey(k: { adapter: string; tfjs: string; network: string; resolution: number; batch: number }): string {
  return `${k.adapter} | tfjs ${k.tfjs} | ${k.network} ${k.resolution}px b${k.batch}`;
}

/** A stored plan this build can run: every class with one of its own candidates (an entry from
 *  an older build, or a damaged one, means a re-tune). */
function runnable(v: StoredTuning | null | undefined): v is StoredTuning {
  const plan = v?.plan as Record<string, unknown> | undefined;
  return !!plan && KERNEL_CLASSES.every((c) => (CANDIDATES[c] as readonly unknown[]).includes(plan[c]));
}

export async function loadTuning(key: string): Promise<StoredTuning | null> {
  const hit = memory.get(key) ?? (await transact<StoredTuning>('readonly', (s) => s.get(key) as IDBRequest<StoredTuning>).catch(() => null));
  if (!runnable(hit)) return null;
  memory.set(key, hit);
  return hit;
}

export async function saveTuning(key: string, value: StoredTuning): Promise<void> {
  memory.set(key, value);
  await transact('readwrite', (s) => s.put(value, key)).catch(() => null);
}
