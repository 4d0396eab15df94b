/** Shared settings of the property-based tests (fast-check), so every one is seeded and sized the
 *  same way: small and fixed for CI inside `npm test`, larger on request:
 *    FUZZ_RUNS=5000 npx vitest run src/image/fuzz.test.ts src/model/fuzz.test.ts src/store/fuzz.test.ts
 *  FUZZ_SEED=<n> replays another sequence (a failure prints its seed and path). */
import fc from 'fast-check';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS) || 100;
export const FUZZ_SEED = Number(process.env.FUZZ_SEED) || 25;

/** fast-check parameters: this file's seed and size (`runs` scales a costly property down). */
export const fuzzParams = (runs = FUZZ_RUNS): fc.Parameters<unknown> => ({ seed: FUZZ_SEED, numRuns: runs, endOnFailure: true });

/** `base` with up to `max` mutations: overwritten bytes, cuts, inserted and deleted runs. */
export function mutated(base: Uint8Array, max = 4): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 16 }) }),
  );
  return fc.array(edit, { maxLength: max }).map((edits) => {
    let b = Uint8Array.from(base);
    for (const e of edits) {
      const at = b.length ? e.at % (b.length + 1) : 0;
      if (e.kind === 'set' && at < b.length) b[at] = e.byte;
      else if (e.kind === 'cut') b = b.slice(0, at);
      else if (e.kind === 'insert') b = Uint8Array.from([...b.subarray(0, at), ...e.bytes, ...b.subarray(at)]);
      else if (e.kind === 'delete') b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + e.n)]);
    }
    return b;
  });
}

/** A header field (e.g. a PNG's width) set to an extreme or random value. */
export const hostileU32 = fc.oneof(fc.constantFrom(0, 1, 32_767, 32_768, 65_535, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1), fc.nat());
