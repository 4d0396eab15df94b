// Cached weights of the pinned source are verified again as they are read (issue 25, item 5):
// anything on the same origin can write Cache Storage, so a planted shard of the right size under
// a pinned URL must not load. Other sources have no published ids: sizes only, as before.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureSkipReason, topologyDir, topologyPath } from '../../test-support/fixtures';
import { completeEntry, fromCache, keepShard } from './weight-cache';
import { expectedShardSizes, manifestOf, parseModelJson } from './model-json';
import { PINNED_WEIGHTS_BASE } from './pinned-sources';
import { MemoryCache, noProgress } from './test-support/fake-model-server';

const missing = fixtureSkipReason({ topologies: true });

/** Plants a complete, right-sized entry for `text` (zero-filled shards) under `base`. */
async function plant(cache: MemoryCache, base: string, text: string) {
  const { shards, version } = manifestOf(text, 'model.json');
  for (const s of shards) await keepShard(cache as unknown as Cache, base, s.path, version, new ArrayBuffer(s.bytes));
  await completeEntry(cache as unknown as Cache, base, text);
  expect(cache.entries.size).toBe(shards.length + 1);
}

describe.skipIf(missing !== null)('cached pinned weights', () => {
  const text = () => readFileSync(topologyPath(topologyDir()!, 'B0'), 'utf8');

  it('a planted entry of the right sizes under the pinned URLs is refused and dropped', async () => {
    const cache = new MemoryCache();
    const base = `${PINNED_WEIGHTS_BASE}B0/`;
    await plant(cache, base, text());
    expect(await fromCache(cache as unknown as Cache, base, text(), noProgress)).toBeNull();
    expect(cache.entries.size).toBe(0); // downloaded (and verified) afresh on this very load
  });

  it('a cached model.json that differs from the published one is refused before any shard is read', async () => {
    const cache = new MemoryCache();
    const base = `${PINNED_WEIGHTS_BASE}B0/`;
    const edited = text().replace(/}\s*$/, ' }');
    await plant(cache, base, edited);
    const reads: string[] = [];
    const spy = Object.assign(Object.create(cache) as MemoryCache, {
      match: (r: RequestInfo | URL) => (reads.push(typeof r === 'string' ? r : r instanceof URL ? r.href : r.url), cache.match(r)),
    });
    expect(await fromCache(spy as unknown as Cache, base, edited, noProgress)).toBeNull();
    expect(reads).toEqual([]);
  });

  it('the same entry under another (unverified) source loads on sizes alone', async () => {
    const cache = new MemoryCache();
    const base = 'https://weights.example/B0/';
    await plant(cache, base, text());
    const got = await fromCache(cache as unknown as Cache, base, text(), noProgress);
    expect(got?.fromCache).toBe(true);
    expect(got?.weightData.byteLength).toBe(expectedShardSizes(parseModelJson(text(), 'x')).reduce((s, x) => s + x.bytes, 0));
  });
});
