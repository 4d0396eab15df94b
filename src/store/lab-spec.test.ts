import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNTHETIC_SEED, FORMULA_SEED } from '../model/synthetic-init';
import { describeModel, latencyOnly, modelIdOf, variantOf } from '../worker/protocol';
import { formulaSpec, labNameOf, specFor } from './lab-spec';
import { RANDOM_SOURCE } from './source';

const URL = 'https://weights.example/models/';
const custom = { name: 'mine', files: [new File(['{}'], 'model.json')] };

describe('lab-spec: which network answers a φ, by one identity', () => {
  it('the nearest variant, the formula network at exactly φ, or the dropped model', () => {
    expect(specFor({ phi: 2.6, formula: false }, URL, null)).toEqual({ kind: 'official', variant: 3, source: URL });
    expect(specFor({ phi: 2.6, formula: true }, URL, custom)).toEqual({ kind: 'random', scaling: { phi: 2.6 }, seed: FORMULA_SEED });
    expect(specFor({ phi: 2.6, formula: false }, RANDOM_SOURCE.baseUrl, null)).toEqual({
      kind: 'random',
      scaling: { variant: 3 },
      seed: DEFAULT_SYNTHETIC_SEED,
    });
    expect(specFor({ phi: 2.6, formula: false }, URL, custom)).toMatchObject({ kind: 'custom', name: 'mine' });
  });

  it('names as the Lab shows them; ids as the worker caches them', () => {
    const specs = [
      specFor({ phi: 3, formula: false }, URL, null),
      specFor({ phi: 3, formula: false }, RANDOM_SOURCE.baseUrl, null),
      formulaSpec(2.45),
      specFor({ phi: 3, formula: false }, URL, custom),
    ];
    expect(specs.map(labNameOf)).toEqual(['B3', 'B3', 'phi=2.5', 'your model “mine”']);
    expect(specs.map(modelIdOf)).toEqual([
      `B3@${URL}`,
      `random:B3:seed=${DEFAULT_SYNTHETIC_SEED}`,
      `random:phi=2.45:r=formula:seed=${FORMULA_SEED}`,
      'custom:mine:model.json/2',
    ]);
    expect(specs.map(variantOf)).toEqual([3, 3, null, null]);
    // Only random weights with no checkpoint behind them are latency only.
    expect(specs.map(latencyOnly)).toEqual([false, false, true, false]);
    expect(specs.map(describeModel)).toEqual(['B3', 'B3', 'the formula network at φ 2.45', 'mine']);
    expect(describeModel({ kind: 'random', scaling: { name: 'Depth only', width: 1, depth: 4, resolution: 224 }, seed: 1 })).toBe('the network “Depth only”');
  });
});
