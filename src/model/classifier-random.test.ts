// One constructor for every random-weight network: the outputs below were read from the three
// constructors it replaced (formula, scaled, seeded official) on the same inputs; the same seed
// must keep giving the same network, value for value (Node: wasm, else cpu).
import { beforeAll, describe, expect, it } from 'vitest';
import { useFastBackend } from './test-support/node-backend';
import { randomClassifier } from './classifier';
import type { Scaling } from '../scaling';

const image = (size: number) => Float32Array.from({ length: size * size * 3 }, (_, i) => 0.5 + 0.5 * Math.sin(i * 0.013));

describe('randomClassifier', () => {
  beforeAll(async () => {
    await useFastBackend();
  });

  it.each<[string, Scaling, number, number, number, number, number]>([
    // name, scaling, seed, top-1 index, its probability, p[0], p[999]
    ['phi=0.5', { phi: 0.5, resolution: 40 }, 5, 702, 0.11446034163236618, 6.03027835266509e-17, 0.001894429442472756],
    ['w', { name: 'w', width: 1.3, depth: 1.1, resolution: 48 }, 3, 651, 0.05927220359444618, 0.009793657809495926, 5.8791036444780665e-15],
  ])('%s, %j, seed %i: the same probabilities as before the one constructor', async (name, scaling, seed, top, pTop, p0, p999) => {
    const c = randomClassifier(scaling, seed);
    try {
      expect(c.config.name).toBe(name);
      expect(c.synthetic).toBe(true);
      const p = await c.probabilities(image(c.config.resolution));
      expect(p.indexOf(Math.max(...p))).toBe(top);
      expect(p[top]).toBeCloseTo(pTop, 6);
      expect(p[0] / p0).toBeCloseTo(1, 4);
      expect(p[999] / p999).toBeCloseTo(1, 4);
    } finally {
      c.dispose();
    }
  });
});
