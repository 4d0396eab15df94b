// Property-based tests (fast-check, seeded: test-support/fuzz.ts) of hostile links: any query
// string through the URL state and the bench parameters. Parsing never throws, every field stays in
// its domain, and what a link leaves after parsing survives a round trip unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParams } from '../../test-support/fuzz';
import { isBackendName } from '../model/backend-name';
import { isKernelMode } from '../model/kernels/plan';
import { MAX_PHI, MIN_PHI } from '../scaling';
import { parseBenchParams } from './bench-format';
import { parseUrlState, serializeUrlState } from './url-state';
import { VIEWS } from './url-props';

const KEYS = [
  'phi',
  'view',
  'compare',
  'backend',
  'models',
  'kernels',
  'present',
  'formula',
  'weights',
  'alpha',
  'beta',
  'gamma',
  'auto',
  'debug',
  'backends',
  'variants',
  'runs',
  'flags',
];
const VALUES = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.double().map(String),
  fc.constantFrom(
    '1',
    'true',
    'NaN',
    'Infinity',
    '-0',
    '1e400',
    'B0,B7',
    'B0,b3,B3,B9',
    'bench',
    'webgpu',
    'wasm',
    'random',
    'http://x.example/m',
    'https://x.example/m/',
    'javascript:alert(1)',
    'data:text/html,x',
    '//evil.example/',
    'A=1,B=true,C=x',
    'webgpu,webgl,wasm,cpu',
    '200',
    '1e9',
    '-5',
  ),
);
/** A query string of known keys (some repeated) with hostile values, or any string at all. */
const QUERY = fc.oneof(
  fc.array(fc.tuple(fc.constantFrom(...KEYS), VALUES), { maxLength: 8 }).map((pairs) => `?${new URLSearchParams(pairs).toString()}`),
  fc.string(),
  fc.string({ unit: 'binary' }),
);

describe('property: hostile links through the URL state', () => {
  it('parses anything without throwing, every field within its domain', () => {
    fc.assert(
      fc.property(QUERY, (q) => {
        const { state, notices } = parseUrlState(q);
        expect(Number.isFinite(state.phi) && state.phi >= MIN_PHI && state.phi <= MAX_PHI).toBe(true);
        expect(Math.round(state.phi * 10) / 10).toBe(state.phi);
        expect(VIEWS).toContain(state.view);
        expect(state.compare.length >= 2 && state.compare.length <= 8).toBe(true);
        expect(state.compare.every((k, i) => Number.isInteger(k) && k >= 0 && k <= 7 && (i === 0 || k > state.compare[i - 1]))).toBe(true);
        expect(state.backend === null || isBackendName(state.backend)).toBe(true);
        expect(state.kernels === null || isKernelMode(state.kernels)).toBe(true);
        expect(state.models === null || /^https?:\/\/[^/]/.test(state.models)).toBe(true);
        expect([null, 'random']).toContain(state.weights);
        for (const b of Object.values(state.bases)) expect(b >= 1 && b <= 2).toBe(true);
        expect(notices.every((n) => typeof n === 'string')).toBe(true);
      }),
      fuzzParams(),
    );
  });

  it('what a link leaves after parsing survives a round trip, with no notices', () => {
    fc.assert(
      fc.property(QUERY, (q) => {
        const { state } = parseUrlState(q);
        const again = parseUrlState(serializeUrlState(state));
        expect(again.state).toEqual(state);
        expect(again.notices).toEqual([]);
      }),
      fuzzParams(),
    );
  });

  it('bench parameters: valid backends and variants, 1–200 runs, finite flags', () => {
    fc.assert(
      fc.property(QUERY, (q) => {
        const p = parseBenchParams(q);
        expect(p.backends.length > 0 && p.backends.every(isBackendName)).toBe(true);
        expect(p.variants.length > 0 && p.variants.every((k) => Number.isInteger(k) && k >= 0 && k <= 7)).toBe(true);
        expect(Number.isInteger(p.runs) && p.runs >= 1 && p.runs <= 200).toBe(true);
        for (const [k, v] of Object.entries(p.flags ?? {})) {
          expect(k).toMatch(/^[A-Z0-9_]+$/);
          expect(typeof v === 'boolean' || Number.isFinite(v)).toBe(true);
        }
      }),
      fuzzParams(),
    );
  });
});
