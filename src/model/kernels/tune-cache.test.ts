import { describe, expect, it } from 'vitest';
import { planFor, type KernelPlan } from './plan';
import { loadTuning, saveTuning, tuningKey, type StoredTuning } from './tune-cache';

// In Node there is no IndexedDB: these run on the in-memory layer, the same read path.
const base = { adapter: 'nvidia | hopper | H200 | 0x2335', tfjs: '4.22.0', network: 'B0', resolution: 224, batch: 1 };
const tuned: StoredTuning = {
  plan: { pointwise: 'tiled', depthwise: 'barrier-free', pool: 'stock', dense: 'barrier-free' },
  timings: { pointwise: { 'barrier-free': 3.5, tiled: 2.25, stock: 4 } },
  tuneMs: 812,
  budgetMs: 900,
  adapter: 'nvidia hopper',
};

describe('tuned-plan cache', () => {
  it('the key names adapter, tfjs version, network shape and batch', () => {
    expect(tuningKey(base)).toBe('nvidia | hopper | H200 | 0x2335 | tfjs 4.22.0 | B0 224px b1');
  });

  it('reads a plan back under its own key', async () => {
    await saveTuning(tuningKey(base), tuned);
    expect(await loadTuning(tuningKey(base))).toEqual(tuned);
    expect(await loadTuning(tuningKey({ ...base }))).toEqual(tuned);
  });

  it('a plan cached for another adapter, tfjs version, shape or batch is not used', async () => {
    await saveTuning(tuningKey(base), tuned);
    const others = [
      { ...base, adapter: 'nvidia | hopper | H200 | 0x2336' },
      { ...base, tfjs: '4.21.0' },
      { ...base, network: 'B1' },
      { ...base, resolution: 240 },
      { ...base, batch: 8 },
    ];
    for (const o of others) expect(await loadTuning(tuningKey(o))).toBeNull();
  });

  it('a stored plan this build cannot run (an older build, a damaged entry) means a re-tune', async () => {
    const k = tuningKey(base);
    await saveTuning(k, { ...tuned, plan: { ...planFor('barrier-free'), depthwise: 'tiled' } }); // depthwise has no tiled form
    expect(await loadTuning(k)).toBeNull();
    const partial = { pointwise: 'barrier-free', depthwise: 'barrier-free', pool: 'barrier-free' } as unknown as KernelPlan;
    await saveTuning(k, { ...tuned, plan: partial });
    expect(await loadTuning(k)).toBeNull();
  });
});
