import { describe, expect, it } from 'vitest';
import { labelOf, topK } from './labels';

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

  it('keep the usual index order across the range (no label file needed: a clone has these)', () => {
    // Landmarks of the standard 1000-class order (synset-sorted), as in the ImageNet label list.
    const landmarks: Record<number, string> = {
      1: 'goldfish',
      207: 'golden retriever',
      281: 'tabby',
      409: 'analog clock',
      417: 'balloon',
      504: 'coffee mug',
      817: 'sports car',
      934: 'hotdog',
      954: 'banana',
    };
    for (const [i, name] of Object.entries(landmarks)) expect(labelOf(Number(i)).split(',')[0], `class ${i}`).toBe(name);
  });
});
