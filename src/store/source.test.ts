import { describe, expect, it } from 'vitest';
import { WEIGHT_FETCH_FAILURE } from '../model/artifacts';
import { PINNED_WEIGHTS_BASE } from '../model/pinned-sources';
import { DEFAULT_SYNTHETIC_SEED } from '../model/synthetic-init';
import { RANDOM_SOURCE, allowedByCsp, cspConnectSources, isVerifiedSource, officialSpec, resolveModelSource } from './source';

const O = 'http://127.0.0.1:4173';
const has =
  (...urls: string[]) =>
  async (u: string) =>
    urls.includes(u);

describe('model source precedence', () => {
  it('an explicit ?models= wins', async () => {
    const s = await resolveModelSource('https://cdn.example/m', O, undefined, has(`${O}/models/B0/model.json`));
    expect(s).toEqual({ baseUrl: 'https://cdn.example/m/', kind: 'url' });
  });
  it('self-hosted public/models beats configured and synthetic', async () => {
    const s = await resolveModelSource(null, O, 'https://x.example/', has(`${O}/models/B0/model.json`, `${O}/synthetic-models/B0/model.json`));
    expect(s.kind).toBe('self-hosted');
    expect(s.baseUrl).toBe(`${O}/models/`);
  });
  it('build-time VITE_MODEL_BASE_URL, then synthetic, then the public exports', async () => {
    expect((await resolveModelSource(null, O, 'https://x.example/m', has())).baseUrl).toBe('https://x.example/m/');
    expect((await resolveModelSource(null, O, undefined, has(`${O}/synthetic-models/B0/model.json`))).kind).toBe('synthetic');
    expect(await resolveModelSource(null, O, undefined, has())).toEqual({ baseUrl: PINNED_WEIGHTS_BASE, kind: 'public' });
  });

  it('an app built with base /lab/ looks for its weights under /lab/', async () => {
    const s = await resolveModelSource(null, O, undefined, has(`${O}/lab/synthetic-models/B0/model.json`), '/lab/');
    expect(s).toEqual({ baseUrl: `${O}/lab/synthetic-models/`, kind: 'synthetic' });
    expect((await resolveModelSource(null, O, undefined, has(`${O}/synthetic-models/B0/model.json`), '/lab/')).kind).toBe('public');
  });
});

describe('CSP check of the model source', () => {
  const doc = (content: string | null) => ({
    querySelector: () => (content === null ? null : ({ getAttribute: () => content } as unknown as Element)),
  });
  it('reads connect-src from the meta tag', () => {
    expect(cspConnectSources(doc("default-src 'self'; connect-src 'self' https://a.example"))).toEqual(["'self'", 'https://a.example']);
    expect(cspConnectSources(doc(null))).toBeNull();
  });
  it('allows self and listed origins only', () => {
    const allowed = ["'self'", 'https://a.example'];
    expect(allowedByCsp('/synthetic-models/', O, allowed)).toBe(true);
    expect(allowedByCsp('https://a.example/m/', O, allowed)).toBe(true);
    expect(allowedByCsp('https://evil.example/m/', O, allowed)).toBe(false);
    expect(allowedByCsp('https://evil.example/m/', O, null)).toBe(true);
  });
  it('a source with a path allows only what lies below it (or exactly it, without a trailing slash)', () => {
    const allowed = ["'self'", 'https://raw.example/owner/repo/abc123/', 'https://one.example/m.json'];
    expect(allowedByCsp('https://raw.example/owner/repo/abc123/models/B0/model.json', O, allowed)).toBe(true);
    expect(allowedByCsp('https://raw.example/owner/repo/main/models/', O, allowed)).toBe(false);
    expect(allowedByCsp('https://raw.example/attacker/repo/abc123/', O, allowed)).toBe(false);
    expect(allowedByCsp('https://one.example/m.json', O, allowed)).toBe(true);
    expect(allowedByCsp('https://one.example/m.json/x', O, allowed)).toBe(false);
  });
});

describe('random-weights mode', () => {
  it('builds official Bk with seeded weights only from the random source', () => {
    expect(officialSpec(3, RANDOM_SOURCE.baseUrl)).toEqual({ kind: 'random', scaling: { variant: 3 }, seed: DEFAULT_SYNTHETIC_SEED });
    expect(officialSpec(3, PINNED_WEIGHTS_BASE)).toEqual({ kind: 'official', variant: 3, source: PINNED_WEIGHTS_BASE });
  });

  it('offers itself for failed downloads, not for aborts or other errors', () => {
    const url = `${PINNED_WEIGHTS_BASE}B0/model.json`;
    expect(WEIGHT_FETCH_FAILURE.test(`Network error while downloading ${url}: Failed to fetch`)).toBe(true);
    expect(WEIGHT_FETCH_FAILURE.test(`Download failed: ${url} answered HTTP 404`)).toBe(true);
    expect(WEIGHT_FETCH_FAILURE.test('Shard group1-shard1of6.bin is 1000 bytes; the manifest expects 4194304')).toBe(true);
    expect(WEIGHT_FETCH_FAILURE.test(`Integrity check failed for B0/model.json: expected git blob ${'a'.repeat(40)}, got ${'b'.repeat(40)}`)).toBe(true);
    expect(WEIGHT_FETCH_FAILURE.test(`${url} is not valid JSON`)).toBe(true);
    expect(WEIGHT_FETCH_FAILURE.test(`Download aborted: ${url}`)).toBe(false);
    expect(WEIGHT_FETCH_FAILURE.test('Out of memory while running B7.')).toBe(false);
  });

  it('the default source is the pinned commit, the only verified one', () => {
    expect(PINNED_WEIGHTS_BASE).toBe(
      'https://raw.githubusercontent.com/ntedgi/efficientnet-tensorflowjs-binaries/35e685b9408fc382f8e3f6d00ab73c32e1abb91f/models/',
    );
    expect(isVerifiedSource(PINNED_WEIGHTS_BASE)).toBe(true);
    expect(isVerifiedSource('https://raw.githubusercontent.com/ntedgi/efficientnet-tensorflowjs-binaries/main/models/')).toBe(false);
    expect(isVerifiedSource('http://127.0.0.1:4173/synthetic-models/')).toBe(false);
  });
});
