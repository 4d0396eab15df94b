import { describe, expect, it } from 'vitest';
import type { Classifier } from '../model/classifier';
import { ModelCache } from './network-cache';

const disposed: string[] = [];
const net = (name: string) => ({ dispose: () => disposed.push(name) }) as unknown as Classifier;

describe('ModelCache', () => {
  it('evicts the least recently used beyond the limit, never a pinned one', async () => {
    disposed.length = 0;
    const c = new ModelCache(2);
    c.add('B0', net('B0'));
    c.add('B1', net('B1'));
    c.get('B0'); // B1 is now the oldest
    c.add('B2', net('B2'));
    expect(disposed).toEqual(['B1']);
    await c.whilePinned(['B0', 'B2'], async () => {
      c.add('B3', net('B3')); // a series needs B0, B2 and B3: none goes while it runs
      expect(disposed).toEqual(['B1']);
      c.get('B3')!.stats.record(10);
    });
    expect(disposed).toEqual(['B1', 'B0']);
    expect(c.get('B0')).toBeUndefined();
    expect(c.get('B3')!.stats.hasFirst).toBe(true);
  });
});
