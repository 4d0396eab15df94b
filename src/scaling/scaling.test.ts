import { describe, expect, it } from 'vitest';
import { formulaCoefficients, formulaNetwork, officialCoefficients, officialNetwork, scaleNetwork, scalingId, scalingNetwork, type Scaling } from './index';

describe('Scaling: one description of every network shape', () => {
  it('φ is the formula network, variant the released one, multipliers B0 grown by them', () => {
    expect(scalingNetwork({ phi: 2.5 })).toEqual(formulaNetwork(2.5));
    expect(scalingNetwork({ variant: 3 })).toEqual(officialNetwork(3));
    expect(scalingNetwork({ phi: 0, resolution: 96 })).toEqual(scaleNetwork({ ...formulaCoefficients(0), resolution: 96 }));
    const race = scalingNetwork({ name: 'depth ×4', width: 1, depth: 4, resolution: 224 });
    expect(race).toEqual(scaleNetwork({ ...officialCoefficients(0), name: 'depth ×4', depth: 4, official: false }));
    expect(race.totalBlocks).toBe(64);
  });

  it('ids: equal networks, equal ids; any difference in shape, a different id', () => {
    const all: Scaling[] = [
      { phi: 2.5 },
      { phi: 2.51 },
      { phi: 2.5, resolution: 96 },
      { variant: 2 },
      { variant: 3 },
      { name: 'a', width: 1.2, depth: 1, resolution: 224 },
      { name: 'a', width: 1.2, depth: 1.1, resolution: 224 },
      { name: 'a', width: 1.2, depth: 1.1, resolution: 240 },
    ];
    expect(new Set(all.map(scalingId)).size).toBe(all.length);
    expect(scalingId({ phi: 2.5 })).toBe(scalingId({ phi: 2.5 }));
    // The name is for messages: it does not change the network.
    expect(scalingId({ name: 'a', width: 1.2, depth: 1, resolution: 224 })).toBe(scalingId({ name: 'b', width: 1.2, depth: 1, resolution: 224 }));
  });
});
