import { describe, expect, it } from 'vitest';
import { OFFICIAL_VARIANTS } from './constants';
import { LAST_VARIANT, VARIANT_COUNT, VARIANT_NAMES, isVariantIndex, parseVariantName, variantName } from './variants';

describe('variant registry', () => {
  it('names the eight official variants in the table order', () => {
    expect(VARIANT_COUNT).toBe(8);
    expect(LAST_VARIANT).toBe(7);
    expect(OFFICIAL_VARIANTS.map((v) => v.name)).toEqual([...VARIANT_NAMES]);
    expect(OFFICIAL_VARIANTS.map((v) => v.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('parses strict names by default and bare digits only when asked', () => {
    expect(parseVariantName('B3')).toBe(3);
    expect(parseVariantName('B7')).toBe(7);
    expect(parseVariantName('B8')).toBeNull();
    expect(parseVariantName('b3')).toBeNull();
    expect(parseVariantName('3')).toBeNull();
    expect(parseVariantName(' B3')).toBeNull();
    expect(parseVariantName(' b3 ', { bare: true })).toBe(3);
    expect(parseVariantName('5', { bare: true })).toBe(5);
    expect(parseVariantName('9', { bare: true })).toBeNull();
    expect(parseVariantName('B03', { bare: true })).toBeNull();
    expect(parseVariantName('', { bare: true })).toBeNull();
  });

  it('formats and range-checks indices', () => {
    expect(variantName(0)).toBe('B0');
    expect(variantName(7)).toBe('B7');
    expect(() => variantName(8)).toThrow(/no official variant 8/);
    expect(isVariantIndex(7)).toBe(true);
    expect(isVariantIndex(-1)).toBe(false);
    expect(isVariantIndex(2.5)).toBe(false);
  });
});
