// Which network "Export ONNX" writes, and the file name it gets.
import { describe, expect, it } from 'vitest';
import { formulaNetwork, officialNetwork } from '../scaling';
import { onnxFileName } from '../model/onnx-export';
import { FORMULA_SEED } from '../model/synthetic-init';
import { exactSpecFor } from './lab-spec';
import { RANDOM_SOURCE } from './source';

const source = { baseUrl: 'https://models.example/', kind: 'url' as const };

describe('Export ONNX', () => {
  it('exports Bk at an official φ, the formula network anywhere else or with the toggle', () => {
    expect(exactSpecFor({ phi: 3, formula: false, custom: null, source })).toEqual({ kind: 'official', variant: 3, source: source.baseUrl });
    expect(exactSpecFor({ phi: 2.5, formula: false, custom: null, source })).toEqual({ kind: 'random', scaling: { phi: 2.5 }, seed: FORMULA_SEED });
    expect(exactSpecFor({ phi: 3, formula: true, custom: null, source })).toEqual({ kind: 'random', scaling: { phi: 3 }, seed: FORMULA_SEED });
    expect(exactSpecFor({ phi: 3, formula: false, custom: null, source: null })).toEqual({ kind: 'random', scaling: { phi: 3 }, seed: FORMULA_SEED });
    expect(exactSpecFor({ phi: 1, formula: false, custom: null, source: RANDOM_SOURCE })).toMatchObject({ kind: 'random', scaling: { variant: 1 } });
    const files = [new File(['{}'], 'model.json')];
    expect(exactSpecFor({ phi: 0, formula: false, custom: { name: 'mine', files }, source })).toEqual({ kind: 'custom', name: 'mine', files });
  });

  it('names the file after the variant or φ (two decimals)', () => {
    expect(onnxFileName(officialNetwork(3))).toBe('effnet-B3.onnx');
    expect(onnxFileName(formulaNetwork(2.5))).toBe('effnet-phi2.50.onnx');
    expect(onnxFileName(formulaNetwork(0.1))).toBe('effnet-phi0.10.onnx');
  });
});
