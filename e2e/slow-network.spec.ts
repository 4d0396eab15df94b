/** Slow networks (issue 24 item 4), with Chromium's own network throttling (CDP): while a bigger
 *  variant downloads, the lab answers with the one it has and names it, the load bar shows the rate
 *  and time left, and moving φ back aborts the download and keeps nothing of it.
 *  The case is B7 (265 MB, about two minutes at 20 Mbit/s); the browser tests serve
 *  synthetic weights for B0–B2 only (e2e/global-setup.ts), so B2 (36 MB, about 15 s at 20 Mbit/s)
 *  stands in for it: the same code path, long enough to act during, short enough for CI. */
import { expect, test } from './fixtures/test';
import { SYNTHETIC, openApp, skipWithout, waitForResult } from './helpers';

skipWithout(SYNTHETIC);
test.use({ serviceWorkers: 'block' }); // every model fetch visible to the context

type Lab = { phiLab: { store: { getState(): { setPhi(phi: number): void } } } };
const MBIT = 1e6 / 8;

test('throttled to 20 Mbit/s: B0 answers while B2 downloads with its ETA; φ back to B0 aborts B2 and caches nothing of it', async ({ page, context }) => {
  test.setTimeout(240_000);
  await openApp(page, '?backend=wasm&debug=1');
  await waitForResult(page, 'B0');
  // B0's neighbour prefetch (B1) first, so that B2 has the link to itself.
  await expect(page.locator('[data-testid="load-progress"][data-variant="B1"]')).toHaveAttribute('data-phase', 'cached');

  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 20 * MBIT, uploadThroughput: 20 * MBIT });
  const shards: string[] = [];
  const aborted: string[] = [];
  context.on('request', (r) => void (/\/B2\/.*\.bin/.test(r.url()) && shards.push(r.url())));
  context.on('requestfailed', (r) => void (/\/B2\//.test(r.url()) && aborted.push(`${r.url()} ${r.failure()?.errorText}`)));

  await page.evaluate(() => (window as unknown as Lab).phiLab.store.getState().setPhi(2));
  await expect(page.getByTestId('answered-by')).toHaveText('answered by B0 while B2 downloads');
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-for', 'B0');
  const bar = page.locator('[data-testid="load-progress"][data-variant="B2"]');
  await expect(bar).toHaveAttribute('data-phase', 'download');
  const eta = page.locator('[data-testid="load-eta"][data-variant="B2"]');
  await expect(eta).toHaveText(/^\d+\.\d MB\/s, about \d+ s left$/);
  // Beyond two 4 MiB shards (kept per file as they arrive), well short of 36 MB.
  await expect.poll(async () => Number(await bar.locator('progress').getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(9e6);
  const [rate, left] = (await eta.textContent())!.match(/[\d.]+/g)!.map(Number);
  expect(rate).toBeGreaterThan(1.2); // MiB/s: 20 Mbit/s is 2.38 MiB/s, less the latency between shards
  expect(rate).toBeLessThan(2.5);
  expect(left).toBeGreaterThan(2);
  expect(left).toBeLessThan(25);
  await expect(page.getByTestId('answered-by')).toHaveText('answered by B0 while B2 downloads'); // still, mid-download

  await page.evaluate(() => (window as unknown as Lab).phiLab.store.getState().setPhi(0));
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('answered-by')).toHaveCount(0);
  await waitForResult(page, 'B0');
  await expect.poll(() => aborted.length).toBeGreaterThan(0); // the shard in flight was cancelled
  const b2Keys = () => page.evaluate(async () => (await (await caches.open('efficientnet-models-v1')).keys()).filter((r) => r.url.includes('/B2/')).length);
  await expect.poll(b2Keys).toBe(0); // the shards kept midway are gone with it
  const requested = shards.length;
  await page.waitForTimeout(2000);
  expect(shards.length).toBe(requested); // and no further shard is asked for
  expect(requested).toBeLessThan(9);
});
