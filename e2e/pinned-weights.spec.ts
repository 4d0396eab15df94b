/** Pinned, verified weights and the lab without any download: the offline first run reaches a
 *  prediction through use-random-weights; a tampered shard from a route that claims the pinned
 *  source is refused (naming the file and both ids) and nothing is cached; a shard planted in the
 *  cache under the pinned URLs is refused as it is read. Routes see the
 *  worker's fetches (context.route) with the service worker blocked. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinnedWeightBlobId } from '../src/model/integrity';
import { expectedShardSizes, manifestHash, parseModelJson } from '../src/model/model-json';
import { GALLERY_BASE, PINNED_WEIGHTS_BASE } from '../src/model/pinned-sources';
import { topologyDir } from '../test-support/fixtures';
import { expect, test } from './fixtures/test';
import { cachedUrls } from './pinned-route';
import { ROOT, SYNTHETIC, openApp, photo, skipWithout, waitForResult } from './helpers';

test.use({ serviceWorkers: 'block' });

/** Every weights request: the self-hosted and synthetic folders and the public exports. */
const isWeights = (url: string) => /\/(synthetic-models|models)\//.test(new URL(url).pathname) || url.startsWith('https://raw.githubusercontent.com/');

test('offline first run: the weights error offers random weights, which reach a top-1 and a latency', async ({ page, context }) => {
  await context.route('**/*', (route) => (isWeights(route.request().url()) ? route.abort('internetdisconnected') : route.fallback()));
  await openApp(page, '?backend=wasm');
  await expect(page.getByTestId('error')).toContainText(`Network error while downloading ${PINNED_WEIGHTS_BASE}B0/model.json`);
  const help = page.getByTestId('weights-help');
  await expect(help).toContainText('npm run models:fetch');
  await expect(help).toContainText('?models=');
  await expect(help).toContainText('drop a converted model folder');
  await page.getByTestId('use-random-weights').click();
  await expect(page).toHaveURL(/[?&]weights=random(&|$)/);
  await expect(page.getByTestId('weights-source')).toContainText('seeded random weights made in this browser');
  await expect(page.getByTestId('synthetic-banner')).toBeVisible();
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-for', 'B0', { timeout: 240_000 });
  await expect(page.getByTestId('top1-label')).not.toHaveText('—');
  expect(Number(await page.getByTestId('latency-ms').textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('error')).toHaveCount(0);
  // The link reopens the same mode, still without any download.
  await page.reload();
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-for', 'B0', { timeout: 240_000 });
  await expect(page.getByTestId('synthetic-banner')).toBeVisible();
});

test.describe('pinned source', () => {
  skipWithout(SYNTHETIC); // the genuine topology and the synthetic shards made from it

  test('a tampered shard from a route claiming the pinned source is refused and not cached', async ({ page, context }) => {
    const served: string[] = [];
    await context.route(`${PINNED_WEIGHTS_BASE}B0/**`, (route) => {
      const file = new URL(route.request().url()).pathname.split('/').pop()!;
      served.push(file);
      // The genuine model.json (it matches its id), then synthetic shards of the right sizes.
      const body = file === 'model.json' ? readFileSync(join(topologyDir()!, 'B0/model.json')) : readFileSync(join(ROOT, 'synthetic-models/B0', file));
      return route.fulfill({ body, headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/octet-stream' } });
    });
    await openApp(page, `?backend=wasm&models=${encodeURIComponent(PINNED_WEIGHTS_BASE)}`);
    await expect(page.getByTestId('weights-source')).toHaveAttribute('data-verified', 'true');
    await expect(page.getByTestId('unverified-source')).toHaveCount(0);
    const expected = pinnedWeightBlobId('B0/group1-shard1of6.bin');
    await expect(page.getByTestId('error')).toHaveText(
      new RegExp(`^Integrity check failed for B0/group1-shard1of6\\.bin: expected git blob ${expected}, got (?!${expected})[0-9a-f]{40}$`),
      { timeout: 120_000 },
    );
    expect(served).toEqual(['model.json', 'group1-shard1of6.bin']);
    expect((await cachedUrls(page)).filter((u) => u.startsWith(PINNED_WEIGHTS_BASE))).toEqual([]);
    await expect(page.getByTestId('use-random-weights')).toBeVisible();
  });

  test('a shard planted in Cache Storage under the pinned URLs is refused, not loaded as "verified"', async ({ page, context }) => {
    // Anything on the origin can write the cache: a complete entry of the right sizes, zero-filled.
    const base = `${PINNED_WEIGHTS_BASE}B0/`;
    const text = readFileSync(join(topologyDir()!, 'B0/model.json'), 'utf8');
    const planted = expectedShardSizes(parseModelJson(text, 'model.json')).map((x) => [`${base}${x.path}?v=${manifestHash(text)}`, x.bytes] as const);
    const served: string[] = [];
    await context.route(`${PINNED_WEIGHTS_BASE}**`, (route) => {
      const path = route.request().url().slice(PINNED_WEIGHTS_BASE.length);
      served.push(path);
      // The genuine model.json (the revalidation agrees with the cache); no shard from the network.
      if (path.endsWith('/model.json'))
        return route.fulfill({ body: readFileSync(join(topologyDir()!, path)), headers: { 'Access-Control-Allow-Origin': '*' } });
      return route.abort('internetdisconnected');
    });
    await openApp(page, '?backend=wasm&weights=random');
    await page.evaluate(
      async ({ planted, text, marker }) => {
        const cache = await caches.open('efficientnet-models-v1');
        for (const [url, bytes] of planted) await cache.put(url, new Response(new Uint8Array(bytes)));
        await cache.put(marker, new Response(text, { headers: { 'Content-Type': 'application/json' } }));
      },
      { planted, text, marker: `${base}model.json` },
    );
    await openApp(page, `?backend=wasm&models=${encodeURIComponent(PINNED_WEIGHTS_BASE)}`);
    // Refused from the cache, so the shards are asked of the network (offline here): no prediction.
    await expect(page.getByTestId('error')).toContainText(`Network error while downloading ${base}group1-shard1of6.bin`, { timeout: 120_000 });
    expect(served).toContain('B0/group1-shard1of6.bin');
    expect(await page.getByTestId('prediction').getAttribute('data-for')).toBe('');
    expect((await cachedUrls(page)).filter((u) => u.startsWith(base))).toEqual([]);
  });

  test('any other source is marked unverified in the status bar', async ({ page }) => {
    await openApp(page, '?backend=wasm');
    await expect(page.getByTestId('weights-source')).toContainText('synthetic (npm run models:synth)');
    await expect(page.getByTestId('unverified-source')).toHaveText('· unverified source');
  });
});

test.describe('sample gallery', () => {
  skipWithout({ ...SYNTHETIC, photos: ['fish.jpg', 'car.jpg'] });

  test('a verified sample classifies; offline the gallery says so and offers the test pattern', async ({ page, context }) => {
    let online = true;
    await context.route(`${GALLERY_BASE}**`, (route) => {
      if (!online) return route.abort('internetdisconnected');
      const file = new URL(route.request().url()).pathname.split('/').pop()!;
      return route.fulfill({ body: readFileSync(photo(file)), headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'image/jpeg' } });
    });
    await openApp(page, '?backend=wasm');
    await page.getByTestId('sample-fish').click();
    await waitForResult(page, 'B0', 'fish.jpg');
    online = false;
    await page.getByTestId('sample-car').click();
    await expect(page.getByTestId('sample-error')).toContainText('The sample photo car.jpg could not be downloaded');
    await expect(page.getByTestId('image-name')).toHaveText('fish.jpg'); // the old image stays
    await page.getByTestId('use-test-pattern').click();
    await expect(page.getByTestId('sample-error')).toHaveCount(0);
    await expect(page.getByTestId('prediction')).toHaveAttribute('data-image', '', { timeout: 240_000 });
    await expect(page.getByTestId('prediction')).toContainText('a test pattern');
  });
});
