/** Threads for the own network on wasm (issue 23): the inference worker runs tfjs-wasm's threaded
 *  build when the page is cross-origin isolated, and one thread, with the reason shown, when it is
 *  not. On a static host that sends no headers at all, the service worker isolates the page from
 *  the first load it serves: one reload after the first visit. */
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from './fixtures/test';
import { ROOT, SYNTHETIC, openApp, skipWithout, top5, waitForResult } from './helpers';
import { ISOLATION_HEADERS } from '../src/sw-rules';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** A static host like GitHub Pages without its headers: files and a content type, nothing else
 *  (no COOP, no COEP, no CSP header). The synthetic weights are served beside the build.
 *  `isolated`: COOP/COEP on every response; `missing`: a path answered 404. */
function staticHost(o: { isolated?: boolean; missing?: string } = {}): Server {
  const roots: [string, string][] = [
    ['/synthetic-models/', resolve(ROOT, 'synthetic-models')],
    ['/', resolve(ROOT, process.env.E2E_DIST ?? 'dist')],
  ];
  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === o.missing) return void res.writeHead(404).end();
    const [prefix, dir] = roots.find(([p]) => path.startsWith(p))!;
    const rel = normalize(path.slice(prefix.length)) || 'index.html';
    let file = join(dir, rel);
    if (!file.startsWith(dir) || !existsSync(file)) file = join(dir, 'index.html');
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    const isolation = o.isolated ? ISOLATION_HEADERS : {};
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...isolation });
    createReadStream(file).pipe(res);
  });
}

const threads = async (page: Page) => Number(await page.getByTestId('backend-threads').getAttribute('data-threads'));

test('isolated by the server (COOP/COEP headers): the own network runs on wasm with more than one thread', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('backend-threads')).not.toContainText('(');
  expect(await threads(page)).toBeGreaterThan(1);
});

/** Serves staticHost(o) for the describe block it is called in; the origin is read in the tests. */
function serveForTheseTests(o?: Parameters<typeof staticHost>[0]): { origin: string } {
  const at = { origin: '' };
  let server: Server;
  test.beforeAll(async () => {
    server = staticHost(o);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    at.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(() => new Promise<void>((done) => server.close(() => done())));
  return at;
}

test.describe('a static host that sends no headers', () => {
  skipWithout(SYNTHETIC);
  const host = serveForTheseTests();

  test('first visit: one thread, reason shown; after one reload the service worker isolates the page: threads, same probabilities', async ({ page }) => {
    await page.goto(`${host.origin}/?backend=wasm`);
    await expect(page.getByTestId('backend')).toHaveText('wasm', { timeout: 120_000 });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await expect(page.getByTestId('backend-threads')).toHaveText(/1 thread \(the page is not cross-origin isolated/);
    await waitForResult(page, 'B0'); // the start-up test pattern
    const single = await top5(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
      }
    });

    await page.reload();
    await expect(page.getByTestId('backend')).toHaveText('wasm');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('backend-threads')).toHaveAttribute('data-threads', /^[2-8]$/);
    await waitForResult(page, 'B0');
    const threaded = await top5(page);
    expect(threaded.map((t) => t.index)).toEqual(single.map((t) => t.index));
    expect(Math.max(...threaded.map((t, i) => Math.abs(t.prob - single[i].prob)))).toBeLessThanOrEqual(1e-5);
    await expect(page.getByTestId('error')).toHaveCount(0);
  });
});

test.describe('an isolated page whose pthread script fails to load', () => {
  skipWithout(SYNTHETIC);
  const host = serveForTheseTests({ isolated: true, missing: '/tfjs-wasm-pthread.js' });

  test('the worker does not wait for the dead thread: the plain SIMD build runs, the reason is shown, the network classifies', async ({ page }) => {
    await page.goto(`${host.origin}/?backend=wasm`);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('backend')).toHaveText('wasm', { timeout: 120_000 });
    await expect(page.getByTestId('backend-threads')).toHaveText(/· 1 thread \(the threaded build failed to start \(/);
    await expect(page.getByTestId('backend-threads')).toHaveAttribute('data-threads', '1');
    await waitForResult(page, 'B0');
    expect((await top5(page)).length).toBe(5);
    await expect(page.getByTestId('error')).toHaveCount(0);
  });
});
