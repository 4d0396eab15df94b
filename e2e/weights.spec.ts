/** Weight faults: each names the file and why, offers Retry, leaves no usable partial entry (no
 *  model.json; the shards verified before the fault are kept), and the retry fetches only the
 *  missing files and works. Plus: a cached model loads without fetching a shard,
 *  and a changed model.json is a new version that is downloaded, not served stale.
 *  Faults are injected with routes on the dedicated worker's fetches (context.route sees them).
 *  The wasm backend saves time: these tests are about downloads, not the GPU. */
import { expect, test, type BrowserContext, type Page, type Route } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { manifestHash } from '../src/model/model-json';
import { ROOT, openApp, requestLog, top5, waitForResult, skipWithout, SYNTHETIC } from './helpers';

skipWithout(SYNTHETIC);
// The app's service worker leaves model URLs alone, but requests that pass through a service
// worker are not routed by Playwright; blocking it keeps every model fetch visible to the routes.
test.use({ serviceWorkers: 'block' });

const QUERY = '?backend=wasm&debug=1'; // debug: window.phiLab
const B0_ROUTE = '**/synthetic-models/B0/**';
const SHARD = 4 * 1024 * 1024;
/** B0's model.json as served (read when needed: global setup generates it after collection). */
const b0Text = () => readFileSync(resolve(ROOT, 'synthetic-models/B0/model.json'), 'utf8');
const B0_SHARDS = Array.from({ length: 6 }, (_, i) => `group1-shard${i + 1}of6.bin`);
/** The error text names the full URL of the file. */
const urlOf = (file: string) => new RegExp(`http://127\\.0\\.0\\.1:\\d+/synthetic-models/B0/${file.replace(/\./g, '\\.')}`);

/** Cache Storage keys under /synthetic-models/B0/ (path + query), sorted. */
async function b0Keys(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const cache = await caches.open('efficientnet-models-v1');
    return (await cache.keys())
      .map((r) => new URL(r.url))
      .filter((u) => u.pathname.startsWith('/synthetic-models/B0/'))
      .map((u) => u.pathname.replace('/synthetic-models/B0/', '') + u.search)
      .sort();
  });
}

/** model.json (the completion marker) plus all six shards of exactly this manifest's version. */
async function expectCompleteEntry(page: Page, text = b0Text()) {
  const v = manifestHash(text);
  await expect.poll(() => b0Keys(page)).toEqual([...B0_SHARDS.map((s) => `${s}?v=${v}`), 'model.json']);
}

/** Serves `fault` for GET requests of `file` under B0 while `active()`; everything else passes. */
async function routeFault(ctx: BrowserContext, file: string, fault: (route: Route) => Promise<void>) {
  await ctx.route(B0_ROUTE, async (route) => {
    const req = route.request();
    // The model source probe HEADs B0/model.json: leave it alone so the synthetic source is chosen.
    if (req.method() === 'GET' && new URL(req.url()).pathname.endsWith(`/${file}`)) return fault(route);
    return route.fallback();
  });
}

/** Holds the GET of `file` until `release()`: a download caught midway. */
async function holdFile(ctx: BrowserContext, file: string) {
  let release!: (how: 'continue' | 'drop') => void;
  const released = new Promise<'continue' | 'drop'>((r) => (release = r));
  let held!: () => void;
  const arrived = new Promise<void>((r) => (held = r));
  await routeFault(ctx, file, async (route) => {
    held();
    const how = await released;
    // The page may have aborted the request meanwhile: then there is nothing to answer.
    await (how === 'continue' ? route.continue() : route.abort('aborted')).catch(() => undefined);
  });
  return { release, arrived };
}

async function waitForDownloading(page: Page, variant = 'B0') {
  await expect(page.locator(`[data-testid="load-progress"][data-variant="${variant}"]`)).toHaveAttribute('data-phase', 'download');
}

/** After a failure: the error names the file; only the shards before it are kept (per-file resume:
 *  no model.json, so nothing usable); then Retry (fault gone) fetches only the rest and works. */
async function expectFailureThenRetry(page: Page, ctx: BrowserContext, message: RegExp) {
  const error = page.getByTestId('error');
  await expect(error).toHaveText(message);
  const text = (await error.textContent()) ?? '';
  console.log(`error shown: ${text}`);
  const kept = Number(/shard(\d)of6/.exec(text)?.[1] ?? 1) - 1;
  const v = manifestHash(b0Text());
  expect(await b0Keys(page)).toEqual(B0_SHARDS.slice(0, kept).map((s) => `${s}?v=${v}`));
  await ctx.unrouteAll({ behavior: 'ignoreErrors' });
  const requested = await recordModelRequests(ctx);
  await page.getByTestId('retry').click();
  await waitForResult(page, 'B0');
  expect(requested.filter((r) => r.startsWith('B0/'))).toEqual(['B0/model.json', ...B0_SHARDS.slice(kept).map((s) => `B0/${s}`)]);
  await expect(error).toHaveCount(0);
  await expectCompleteEntry(page);
  expect(await loadedFromCache(page, 'B0')).toBe(false);
}

async function loadedFromCache(page: Page, variant: string): Promise<boolean | undefined> {
  return page.evaluate(
    (v) =>
      (window as unknown as { phiLab: { store: { getState(): { loads: Record<string, { fromCache?: boolean }> } } } }).phiLab.store.getState().loads[v]
        ?.fromCache,
    variant,
  );
}

/** Records GETs under /synthetic-models/ as "B0/model.json"-style paths. */
async function recordModelRequests(ctx: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await ctx.route('**/synthetic-models/**', (route) => {
    const req = route.request();
    if (req.method() === 'GET') seen.push(new URL(req.url()).pathname.replace('/synthetic-models/', ''));
    return route.fallback();
  });
  return seen;
}

test.describe('weight faults: a clear error, Retry, nothing usable cached, the retry resumes', () => {
  test('404 on model.json', async ({ page, context }) => {
    await routeFault(context, 'model.json', (r) => r.fulfill({ status: 404, body: 'not found' }));
    await openApp(page, QUERY);
    await expectFailureThenRetry(page, context, new RegExp(`^Download failed: ${urlOf('model.json').source} answered HTTP 404$`));
  });

  test('404 on a shard', async ({ page, context }) => {
    await routeFault(context, 'group1-shard2of6.bin', (r) => r.fulfill({ status: 404, body: 'not found' }));
    await openApp(page, QUERY);
    await expectFailureThenRetry(page, context, new RegExp(`^Download failed: ${urlOf('group1-shard2of6.bin').source} answered HTTP 404$`));
  });

  test('a truncated shard (shorter than the manifest says)', async ({ page, context }) => {
    await routeFault(context, 'group1-shard3of6.bin', (r) => r.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.alloc(1000) }));
    await openApp(page, QUERY);
    await expectFailureThenRetry(page, context, /^Shard group1-shard3of6\.bin is 1000 bytes; the manifest expects 4194304$/);
  });

  test('a truncated shard whose Content-Length promises the full size', async ({ page, context }) => {
    // The body ends early: the browser may see a short body or a failed (network-error) read.
    await routeFault(context, 'group1-shard3of6.bin', (r) =>
      r.fulfill({ status: 200, headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(SHARD) }, body: Buffer.alloc(1000) }),
    );
    await openApp(page, QUERY);
    await expectFailureThenRetry(
      page,
      context,
      new RegExp(
        `^(Shard group1-shard3of6\\.bin is \\d+ bytes; the manifest expects 4194304|Network error while downloading ${urlOf('group1-shard3of6.bin').source}: .+)$`,
      ),
    );
  });

  test('a shard longer than the manifest says', async ({ page, context }) => {
    await routeFault(context, 'group1-shard4of6.bin', (r) =>
      r.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.alloc(SHARD + 100) }),
    );
    await openApp(page, QUERY);
    await expectFailureThenRetry(page, context, /^Shard group1-shard4of6\.bin is 4194404 bytes; the manifest expects 4194304$/);
  });

  test('a download abandoned midway (φ moved to B1): no error, nothing cached; back to B0 works', async ({ page, context }) => {
    const hold = await holdFile(context, 'group1-shard3of6.bin');
    await openApp(page, QUERY);
    await hold.arrived;
    await waitForDownloading(page);
    await page.getByTestId('phi-slider').fill('1');
    hold.release('continue');
    await waitForResult(page, 'B1');
    await expect(page.getByTestId('error')).toHaveCount(0);
    expect(await b0Keys(page)).toEqual([]);

    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await page.getByTestId('phi-slider').fill('0');
    await waitForResult(page, 'B0');
    await expect(page.getByTestId('error')).toHaveCount(0);
    await expectCompleteEntry(page);
  });

  test('the network going away during a download; back online, Retry works', async ({ page, context }) => {
    const hold = await holdFile(context, 'group1-shard3of6.bin');
    await openApp(page, QUERY);
    await hold.arrived;
    await waitForDownloading(page);
    await context.setOffline(true);
    hold.release('continue');
    const error = page.getByTestId('error');
    await expect(error).toHaveText(new RegExp(`^Network error while downloading ${urlOf('group1-shard\\dof6.bin').source}: .+`));
    await context.setOffline(false);
    await expectFailureThenRetry(page, context, /Network error while downloading/);
  });
});

test.describe('cache and versions', () => {
  test('a second page load of a cached B0 fetches no shard (only model.json, to revalidate)', async ({ context }) => {
    const first = await context.newPage();
    await openApp(first, QUERY);
    await waitForResult(first, 'B0');
    expect(await loadedFromCache(first, 'B0')).toBe(false);
    await expect(first.locator('[data-testid="load-progress"][data-variant="B0"]')).toContainText('loaded');
    await expectCompleteEntry(first);
    // Let the neighbour prefetch finish too, so the second page's prefetch is also a cache hit.
    await expect(first.locator('[data-testid="load-progress"][data-variant="B1"]')).toHaveAttribute('data-phase', 'cached');
    await first.close();

    const seen = await recordModelRequests(context);
    const second = await context.newPage();
    await openApp(second, QUERY);
    await waitForResult(second, 'B0');
    expect(await loadedFromCache(second, 'B0')).toBe(true);
    // A cache hit is either hidden from the progress list or labelled "from cache", never "loaded".
    const row = second.locator('[data-testid="load-progress"][data-variant="B0"]');
    if (await row.count()) await expect(row).toContainText('from cache');
    await expect(second.locator('[data-testid="load-progress"][data-variant="B1"]')).toHaveAttribute('data-phase', 'cached');
    console.log(`requests on the cached load: ${JSON.stringify(seen)}`);
    expect(seen.filter((p) => p.endsWith('.bin'))).toEqual([]);
    expect(seen.filter((p) => p.startsWith('B0/'))).toEqual(['B0/model.json']);
  });

  test('a changed model.json is a new version: shards are downloaded again, not served stale', async ({ context }) => {
    const first = await context.newPage();
    await openApp(first, QUERY);
    await waitForResult(first, 'B0');
    await expectCompleteEntry(first);
    await first.close();

    const original = b0Text();
    const json = JSON.parse(original) as { userDefinedMetadata: Record<string, unknown> };
    json.userDefinedMetadata = { ...json.userDefinedMetadata, revision: 2 };
    const changed = JSON.stringify(json);
    expect(manifestHash(changed)).not.toBe(manifestHash(original));
    await routeFault(context, 'model.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: changed }));
    const seen = await recordModelRequests(context);

    const second = await context.newPage();
    await openApp(second, QUERY);
    await waitForResult(second, 'B0');
    expect(await loadedFromCache(second, 'B0')).toBe(false);
    await expect(second.locator('[data-testid="load-progress"][data-variant="B0"]')).toContainText('loaded');
    expect(seen.filter((p) => p.startsWith('B0/') && p.endsWith('.bin')).sort()).toEqual(B0_SHARDS.map((s) => `B0/${s}`));
    await expectCompleteEntry(second, changed); // the new version only: the old shards are gone
    await second.close();

    seen.length = 0;
    const third = await context.newPage();
    await openApp(third, QUERY);
    await waitForResult(third, 'B0');
    expect(await loadedFromCache(third, 'B0')).toBe(true);
    expect(seen.filter((p) => p.startsWith('B0/'))).toEqual(['B0/model.json']);
  });
});

test('moving φ to a variant whose prefetch is still downloading joins that download: every B1 file is fetched once', async ({ page, context }) => {
  const seen = await recordModelRequests(context);
  // Hold B1's first shard so its prefetch is caught midway (routes run newest first).
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let arrived!: () => void;
  const held = new Promise<void>((r) => (arrived = r));
  await context.route('**/synthetic-models/B1/group1-shard1of*.bin', async (route) => {
    arrived();
    await released;
    await route.fallback();
  });
  await openApp(page, QUERY);
  await waitForResult(page, 'B0');
  await held;
  await waitForDownloading(page, 'B1');
  await page.getByTestId('phi-slider').fill('1');
  // From the worker's own log: the neighbour prefetch and the lab's own download of B1 are both
  // open (B0 answers meanwhile, see slow-network.spec); the second joins the first's fetches.
  const open = async () =>
    (await requestLog(page))
      .filter((e) => e.end === null && /B1/.test(e.what))
      .map((e) => e.type)
      .sort();
  await expect.poll(open).toEqual(['prefetch', 'prefetch']);
  release();
  await waitForResult(page, 'B1');
  await expect(page.getByTestId('error')).toHaveCount(0);
  const b1 = seen.filter((p) => p.startsWith('B1/'));
  expect(b1.length).toBeGreaterThan(1);
  expect(
    b1.filter((p, i) => b1.indexOf(p) !== i),
    'B1 files fetched twice',
  ).toEqual([]);
});

test('float16 weights (npm run models:synth -- --dtype float16): B0 loads dequantized, says so, and ranks as float32 does', async ({ page }) => {
  test.setTimeout(240_000);
  const top5Of = async (query: string) => {
    await openApp(page, query);
    await waitForResult(page, 'B0');
    const ranks = await top5(page);
    const precision = await page.getByTestId('weights-precision').getAttribute('data-precision');
    return { ranks, precision };
  };
  const full = await top5Of(QUERY);
  const half = await top5Of(`${QUERY}&models=${encodeURIComponent(new URL('/synthetic-models/f16/', page.url()).href)}`);
  expect([full.precision, half.precision]).toEqual(['float32', 'float16']);
  await expect(page.getByTestId('weights-precision')).toContainText('float16 weights');
  expect(half.ranks.map((r) => r.index)).toEqual(full.ranks.map((r) => r.index));
  for (let i = 0; i < 5; i++) expect(Math.abs(half.ranks[i].prob - full.ranks[i].prob)).toBeLessThan(1e-3);
});
