/** The verified path end to end (issue 22 item 2), on the pinned source's URLs:
 *  - synthetic B0 under ids made for it: downloaded, every file verified, cached; offline, a reload
 *    answers from the cache with no request and the same top-5; the cache is verified again as it
 *    is read (the same offline reload with one id put back refuses the cached entry);
 *  - the genuine B0 model.json and shard 6 under their published ids: a byte changed in the shard
 *    is refused (naming it and both ids), the untouched files verify and the lab answers.
 *  How the ids are swapped, and why not in a second build: e2e/pinned-route.ts. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitBlobId, pinnedWeightBlobId } from '../src/model/integrity';
import { PINNED_WEIGHTS_BASE } from '../src/model/pinned-sources';
import { findRealShard, topologyDir } from '../test-support/fixtures';
import { expect, test } from './fixtures/test';
import { ROOT, SYNTHETIC, openApp, skipWithout, top5, waitForResult } from './helpers';
import { cachedUrls, routePinnedAndApp } from './pinned-route';

test.use({ serviceWorkers: 'block' });

const SYNTHETIC_B0 = join(ROOT, 'synthetic-models', 'B0');
const PINNED_LAB = `?backend=wasm&models=${encodeURIComponent(PINNED_WEIGHTS_BASE)}`;
const B0_BASE = `${PINNED_WEIGHTS_BASE}B0/`;

/** Published id → the id of the synthetic file of that name, for `files` of B0. */
async function syntheticIds(files: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const f of files) ids.set(pinnedWeightBlobId(`B0/${f}`)!, await gitBlobId(readFileSync(join(SYNTHETIC_B0, f))));
  return ids;
}

test.describe('synthetic B0 under its own ids', () => {
  skipWithout(SYNTHETIC);

  test('downloads from the pinned URL, verifies, caches; offline a reload answers from the verified cache with no request', async ({
    page,
    context,
    baseURL,
  }) => {
    const files = readdirSync(SYNTHETIC_B0).sort();
    expect(files).toHaveLength(7); // model.json and six shards
    const route = await routePinnedAndApp(context, new URL(baseURL!).origin, (path) =>
      path.startsWith('B0/') ? readFileSync(join(ROOT, 'synthetic-models', path)) : null,
    );
    route.ids = await syntheticIds(files);

    await openApp(page, PINNED_LAB);
    await expect(page.getByTestId('weights-source')).toHaveAttribute('data-verified', 'true');
    await waitForResult(page, 'B0');
    const online = await top5(page);
    // (B1's model.json, the neighbour prefetch, is a 404 here.)
    expect(route.served.filter((p) => p.startsWith('B0/'))).toEqual(['B0/model.json', ...files.filter((f) => f.endsWith('.bin')).map((f) => `B0/${f}`)]);
    // Each worker that verifies inlines the table: at least one copy of all seven ids replaced.
    expect(route.replaced).toBeGreaterThanOrEqual(7);
    const cached = (await cachedUrls(page)).filter((u) => u.startsWith(B0_BASE));
    expect(cached.map((u) => u.slice(B0_BASE.length).split('?')[0]).sort()).toEqual(files);

    // Offline: the reload answers from the cache, nothing asked of the pinned source, same answer.
    route.served.length = 0;
    route.offline = true;
    await context.setOffline(true);
    await page.reload();
    await waitForResult(page, 'B0');
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    expect(await top5(page)).toEqual(online);
    expect(route.served).toEqual([]);
    await expect(page.getByTestId('error')).toHaveCount(0);

    // The same offline reload with shard 3's published id back in the table: the cached shard is
    // verified as it is read, refused, its entry dropped, and the download it falls back to fails.
    route.ids.delete(pinnedWeightBlobId('B0/group1-shard3of6.bin')!);
    await page.reload();
    await expect(page.getByTestId('error')).toContainText(`Network error while downloading ${B0_BASE}model.json`, { timeout: 120_000 });
    expect(route.served).toEqual(['B0/model.json']); // offline requests do reach the route: the [] above is no blind spot
    expect(await page.getByTestId('prediction').getAttribute('data-for')).toBe('');
    expect((await cachedUrls(page)).filter((u) => u.startsWith(B0_BASE))).toEqual([]);
  });
});

test.describe('the genuine B0 model.json and shard 6', () => {
  skipWithout({ ...SYNTHETIC, realShards: true });

  test('verify under their published ids; a byte changed in the shard is refused and nothing usable is cached; Retry fetches only what is missing', async ({
    page,
    context,
    baseURL,
  }) => {
    const genuineShard = readFileSync(findRealShard('B0/group1-shard6of6.bin')!);
    const tampered = Buffer.from(genuineShard);
    tampered[12_345] ^= 0x01;
    let shard6 = tampered;
    const route = await routePinnedAndApp(context, new URL(baseURL!).origin, (path) => {
      if (path === 'B0/model.json') return readFileSync(join(topologyDir()!, path));
      if (path === 'B0/group1-shard6of6.bin') return shard6;
      return path.startsWith('B0/') ? readFileSync(join(ROOT, 'synthetic-models', path)) : null;
    });
    // Shards 1–5 are synthetic (only shard 6 of the genuine weights is kept): ids made for them.
    route.ids = await syntheticIds([1, 2, 3, 4, 5].map((i) => `group1-shard${i}of6.bin`));

    await openApp(page, PINNED_LAB);
    const expected = pinnedWeightBlobId('B0/group1-shard6of6.bin')!;
    expect(expected).toBe(await gitBlobId(genuineShard)); // the published id is the kept shard's
    await expect(page.getByTestId('error')).toHaveText(
      new RegExp(`^Integrity check failed for B0/group1-shard6of6\\.bin: expected git blob ${expected}, got ${await gitBlobId(tampered)}$`),
      { timeout: 120_000 },
    );
    expect(route.served).toEqual(['B0/model.json', ...[1, 2, 3, 4, 5, 6].map((i) => `B0/group1-shard${i}of6.bin`)]);
    // Per-file resume: the five shards verified before the fault stay; no model.json, so nothing
    // usable (a variant is ready only once model.json, stored last, is there).
    const shardNames = (n: number[]) => n.map((i) => `B0/group1-shard${i}of6.bin`);
    const cachedB0 = async () => (await cachedUrls(page)).filter((u) => u.startsWith(B0_BASE)).map((u) => u.slice(B0_BASE.length - 3).split('?')[0]);
    expect((await cachedB0()).sort()).toEqual(shardNames([1, 2, 3, 4, 5]));

    // The genuine bytes: model.json and shard 6 verify under the published ids, the lab answers.
    shard6 = genuineShard;
    route.served.length = 0;
    await page.getByTestId('retry').click();
    await waitForResult(page, 'B0');
    await expect(page.getByTestId('error')).toHaveCount(0);
    expect(route.served.filter((p) => p.startsWith('B0/')).sort()).toEqual(['B0/group1-shard6of6.bin', 'B0/model.json']); // B1's is the neighbour prefetch
    expect((await cachedB0()).sort()).toEqual(['B0/model.json', ...shardNames([1, 2, 3, 4, 5, 6])].sort());
  });
});
