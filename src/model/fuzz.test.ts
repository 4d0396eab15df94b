// Property-based tests (fast-check, seeded: test-support/fuzz.ts) of hostile model.json files:
// mutated manifests (values swapped for any JSON, text bytes flipped) through parsing and shard
// planning. Only ModelJsonError is thrown; a plan that is returned has plain shard names, shards of
// 1 byte to 4 MiB, and a total within MAX_MODEL_BYTES.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParams, hostileU32, mutated } from '../../test-support/fuzz';
import { MAX_MODEL_BYTES, ModelJsonError, SHARD_BYTES, expectedShardSizes, parseModelJson } from './model-json';
import { manifest } from './test-support/fake-model-server';

/** Parses and plans; checks the plan or the error. */
function planOrRefuse(text: string): void {
  let plan: { path: string; bytes: number }[];
  try {
    plan = expectedShardSizes(parseModelJson(text, 'model.json'));
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(ModelJsonError);
    return;
  }
  let total = 0;
  for (const s of plan) {
    expect(s.path).toMatch(/^[\w.-]+$/);
    expect(['.', '..']).not.toContain(s.path);
    expect(Number.isSafeInteger(s.bytes) && s.bytes >= 0 && s.bytes <= SHARD_BYTES, JSON.stringify(s)).toBe(true);
    total += s.bytes;
  }
  expect(total).toBeLessThanOrEqual(MAX_MODEL_BYTES);
}

/** The manifest with the value at one path swapped for any JSON value (or a hostile number). */
const swapped = fc
  .tuple(
    fc.constantFrom(
      ['weightsManifest'],
      ['weightsManifest', 0],
      ['weightsManifest', 0, 'paths'],
      ['weightsManifest', 0, 'paths', 1],
      ['weightsManifest', 0, 'weights'],
      ['weightsManifest', 0, 'weights', 0],
      ['weightsManifest', 0, 'weights', 0, 'shape'],
      ['weightsManifest', 0, 'weights', 0, 'shape', 0],
      ['weightsManifest', 0, 'weights', 1, 'dtype'],
      ['modelTopology'],
      ['modelTopology', 'node'],
    ),
    fc.oneof(fc.jsonValue(), hostileU32, fc.constantFrom('../x.bin', 'https://evil.example/x.bin', '..', 'a/b.bin', 'x.bin?v=1', -1, 1e300, [1e9, 1e9, 1e9])),
  )
  .map(([path, value]) => {
    const json = manifest() as unknown as Record<string | number, unknown>;
    let at = json;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
    at[path[path.length - 1]] = value;
    return JSON.stringify(json);
  });

describe('property: hostile model.json through parsing and shard planning', () => {
  it('a value swapped anywhere in the manifest', () => {
    fc.assert(fc.property(swapped, planOrRefuse), fuzzParams());
  });

  it('flipped, cut and inserted bytes of the text', () => {
    const text = new TextEncoder().encode(JSON.stringify(manifest()));
    fc.assert(
      fc.property(mutated(text, 4), (b) => planOrRefuse(new TextDecoder().decode(b))),
      fuzzParams(),
    );
  });

  it('any JSON at all', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => planOrRefuse(JSON.stringify(v) ?? 'null')),
      fuzzParams(),
    );
  });

  it('the genuine shape of a manifest still plans (the properties above are not vacuous)', () => {
    expect(expectedShardSizes(parseModelJson(JSON.stringify(manifest()), 'model.json'))).toHaveLength(2);
  });
});
