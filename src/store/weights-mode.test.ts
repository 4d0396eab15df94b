import { describe, expect, it } from 'vitest';
import { PINNED_WEIGHTS_BASE } from '../model/pinned-sources';
import { DEFAULT_MODEL_BASE, isVerifiedSource } from './model-source';
import { RANDOM_SOURCE, RANDOM_WEIGHTS_SEED, isWeightFetchError, officialSpec } from './weights-mode';

describe('random-weights mode', () => {
  it('builds official Bk with seeded weights only from the random source', () => {
    expect(officialSpec(3, RANDOM_SOURCE.baseUrl)).toEqual({ kind: 'seeded', variant: 3, seed: RANDOM_WEIGHTS_SEED });
    expect(officialSpec(3, PINNED_WEIGHTS_BASE)).toEqual({ kind: 'official', variant: 3, baseUrl: PINNED_WEIGHTS_BASE });
  });

  it('offers itself for failed downloads, not for aborts or other errors', () => {
    const url = `${PINNED_WEIGHTS_BASE}B0/model.json`;
    expect(isWeightFetchError(`Network error while downloading ${url}: Failed to fetch`)).toBe(true);
    expect(isWeightFetchError(`Download failed: ${url} answered HTTP 404`)).toBe(true);
    expect(isWeightFetchError('Shard group1-shard1of6.bin is 1000 bytes; the manifest expects 4194304')).toBe(true);
    expect(isWeightFetchError(`Integrity check failed for B0/model.json: expected git blob ${'a'.repeat(40)}, got ${'b'.repeat(40)}`)).toBe(true);
    expect(isWeightFetchError(`${url} is not valid JSON`)).toBe(true);
    expect(isWeightFetchError(`Download aborted: ${url}`)).toBe(false);
    expect(isWeightFetchError('Out of memory while running B7.')).toBe(false);
  });

  it('the default source is the pinned commit, the only verified one', () => {
    expect(DEFAULT_MODEL_BASE).toBe(
      'https://raw.githubusercontent.com/ntedgi/efficientnet-tensorflowjs-binaries/35e685b9408fc382f8e3f6d00ab73c32e1abb91f/models/',
    );
    expect(isVerifiedSource(DEFAULT_MODEL_BASE)).toBe(true);
    expect(isVerifiedSource('https://raw.githubusercontent.com/ntedgi/efficientnet-tensorflowjs-binaries/main/models/')).toBe(false);
    expect(isVerifiedSource('http://127.0.0.1:4173/synthetic-models/')).toBe(false);
  });
});
