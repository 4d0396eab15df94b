import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { findLabels, fixtureSkipReason } from '../../test-support/fixtures';
import { labelOf, topK } from './labels';

const missing = fixtureSkipReason({ labels: true });

describe('ImageNet labels', () => {
  it('come from the mobilenet package in the usual order', () => {
    expect(labelOf(0)).toBe('tench, Tinca tinca');
    expect(labelOf(388)).toMatch(/giant panda/);
    expect(labelOf(999)).toMatch(/toilet tissue/);
    expect(() => labelOf(1000)).toThrow(/No ImageNet class 1000/);
  });

  it('ranks the top k, best first', () => {
    const p = new Float32Array(1000).fill(0.0001);
    p[388] = 0.7;
    p[1] = 0.2;
    p[5] = 0.05;
    const top = topK(p, 3);
    expect(top.map((t) => t.index)).toEqual([388, 1, 5]);
    expect(top[0].prob).toBeCloseTo(0.7, 6);
  });

  it.skipIf(missing !== null)('agree with the shared labels/imagenet-en.json', () => {
    const shared = JSON.parse(readFileSync(findLabels()!, 'utf8')) as Record<string, string>;
    let same = 0;
    for (let i = 0; i < 1000; i++) if (shared[String(i)] === labelOf(i)) same++;
    expect(same).toBeGreaterThanOrEqual(990);
  });
});
