/** Offline from the first visit: the service worker (src/sw.ts) precaches the whole build at
 *  install (shell, chunks, both workers, every tfjs wasm binary), so one online visit is enough for
 *  the lab to start and classify offline on wasm and on webgpu, with the weights the worker cached. */
import { expect, test } from './fixtures/test';
import { dropFile, openApp, photo, waitForResult, top5, skipWithout, SYNTHETIC } from './helpers';

skipWithout({ ...SYNTHETIC, photos: ['fish.jpg'] });

const TFJS_WASM = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm', 'tfjs-backend-wasm.wasm'];

test('one visit, then offline: the lab starts and classifies on wasm and on webgpu', async ({ page, context }) => {
  await openApp(page, '?backend=wasm');
  await waitForResult(page, 'B0'); // the start-up test pattern; the worker has cached B0's weights
  const online = await top5(page);
  // `ready` resolves once the worker is active, i.e. after its install precached everything; the
  // first version then claims the open page. The names in the precache, without their hashes:
  const precached = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
    }
    const name = (await caches.keys()).find((k) => k.startsWith('workbox-precache'));
    const requests = name ? await (await caches.open(name)).keys() : [];
    return requests.map((r) => new URL(r.url).pathname);
  });
  const wasm = precached.filter((p) => p.endsWith('.wasm')).map((p) => p.replace(/^.*\//, '').replace(/-[\w-]{8}\.wasm$/, '.wasm'));
  expect(wasm.sort()).toEqual(TFJS_WASM); // and none of ONNX Runtime's
  expect(precached).toContain('/index.html');
  expect(precached.some((p) => /\/inference\.worker-[\w-]+\.js$/.test(p))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await waitForResult(page, 'B0');
  expect(await top5(page)).toEqual(online);
  await dropFile(page, photo('fish.jpg'));
  await waitForResult(page, 'B0', 'fish.jpg');
  await expect(page.getByTestId('error')).toHaveCount(0);

  // A page never opened online: the precached shell answers any query, WebGPU's code is precached.
  await page.goto('/?backend=webgpu');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await waitForResult(page, 'B0');
  const gpu = await top5(page);
  expect(gpu.map((t) => t.index)).toEqual(online.map((t) => t.index));
  expect(Math.max(...gpu.map((t, i) => Math.abs(t.prob - online[i].prob)))).toBeLessThanOrEqual(1e-4);
  await expect(page.getByTestId('error')).toHaveCount(0);
  await context.setOffline(false);
});

test('a new build waits for the "update available" prompt; Reload hands it the page', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await expect(page.getByTestId('update-available')).toHaveCount(0);
  // A quiet page first: the neighbour prefetch done, so no request through the active worker
  // overlaps the hand-over (Chromium activates a skipWaiting worker once the old one is idle).
  await waitForResult(page, 'B0');
  await expect(page.locator('[data-testid="load-progress"][data-variant="B1"]')).toHaveAttribute('data-phase', 'cached');
  // The next build, as the open page sees it: another worker installs beside the active one and
  // waits (the query only makes its script differ; workbox-window, like for any later build, calls it external).
  const next = await page.evaluate(async () => (await navigator.serviceWorker.register('/sw.js?next-build')).installing?.scriptURL);
  expect(next).toMatch(/\/sw\.js\?next-build$/);
  await expect(page.getByTestId('update-available')).toBeVisible();
  await expect(page.getByTestId('update-available')).toContainText('new version');
  const reloaded = page.waitForEvent('load');
  await page.getByTestId('update-reload').click();
  await reloaded;
  // Now the new build controls the page. (This page then registers /sw.js again, a third "build"
  // only because of the query above; a real next build keeps the URL.)
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(next);
});
