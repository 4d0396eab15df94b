/** Links cannot make the lab fetch from, or run, anything by themselves: a foreign ?models= host
 *  is named and waits for a click; a host the CSP forbids is refused without a request;
 *  ?view=bench&auto=1 waits for Start (with ?debug=1 too) and window.phiLab is absent without ?debug=1. */
import { expect, test, type Request } from './fixtures/test';
import { openApp, waitForResult, skipWithout, SYNTHETIC } from './helpers';

test('a ?models= host the Content-Security-Policy forbids is refused with a message; nothing is requested from it', async ({ page, context }) => {
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await openApp(page, '?models=https://weights.example/effnet/&backend=wasm');
  await expect(page.getByTestId('error')).toHaveText(
    "Refused to load weights from https://weights.example/effnet/: this build's Content-Security-Policy does not allow it. " +
      'To use it, rebuild with VITE_CSP_CONNECT_EXTRA="https://weights.example" or host the weights with the app.',
  );
  await expect(page.getByTestId('confirm-source')).toHaveCount(0);
  expect(requests.filter((u) => new URL(u).host === 'weights.example')).toEqual([]);
  // One click gives the lab back: its own weights, the link's source gone from the address bar.
  await page.getByTestId('decline-source').click();
  await expect(page.getByTestId('error')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('models')).toBeNull();
  await expect(page.getByTestId('weights-source')).toBeVisible();
  expect(requests.filter((u) => new URL(u).host === 'weights.example')).toEqual([]);
});

test.describe('a foreign ?models= host the policy allows', () => {
  skipWithout(SYNTHETIC);
  // Requests through a service worker bypass Playwright's routes.
  test.use({ serviceWorkers: 'block' });

  test('is named and waits for a click: no request before it, none remembered after', async ({ page, context, baseURL }) => {
    // "localhost" is another origin than the app's 127.0.0.1, served by the same preview server:
    // a deployment built with VITE_CSP_CONNECT_EXTRA=<it> is simulated by adding it to the policy.
    const foreign = baseURL!.replace('127.0.0.1', 'localhost');
    await context.route(`${baseURL}/**`, async (route) => {
      const res = await route.fetch();
      const allow = (csp: string) => csp.replace(/connect-src ('|&#39;)self('|&#39;)/, (m) => `${m} ${foreign}`);
      const headers = { ...res.headers() };
      if (headers['content-security-policy']) headers['content-security-policy'] = allow(headers['content-security-policy']);
      const isHtml = (headers['content-type'] ?? '').includes('text/html');
      await route.fulfill({ response: res, headers, body: isHtml ? allow(await res.text()) : await res.body() });
    });
    // A weights host answers cross-origin fetches (as raw.githubusercontent.com does).
    await context.route(`${foreign}/**`, async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, headers: { ...res.headers(), 'access-control-allow-origin': '*' } });
    });
    const log: Request[] = [];
    context.on('request', (r) => log.push(r));
    const toForeign = () => log.filter((r) => r.url().startsWith(foreign)).map((r) => `${r.method()} ${r.url()}`);

    const query = `?models=${foreign}/synthetic-models/&backend=wasm`;
    await openApp(page, query);
    await expect(page.getByTestId('source-question')).toContainText(`Load weights from localhost:${new URL(foreign).port}?`);
    await expect(page.getByTestId('source-host')).toHaveText(new URL(foreign).host);
    // The lab is ready and idle, the question open: still not a single request to that host.
    await page.waitForTimeout(3000);
    expect(toForeign()).toEqual([]);
    expect(await page.getByTestId('prediction').getAttribute('data-for')).toBe('');

    const clickedAt = log.length;
    await page.getByTestId('confirm-source').click();
    await waitForResult(page, 'B0');
    await expect(page.getByTestId('source-question')).toHaveCount(0);
    expect(toForeign().length).toBeGreaterThan(0);
    expect(log.slice(0, clickedAt).filter((r) => r.url().startsWith(foreign))).toEqual([]);
    expect(toForeign()).toContain(`GET ${foreign}/synthetic-models/B0/model.json`);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('localhost');

    // Not remembered: the same link asks again, and the reloaded page requests nothing from it.
    await page.reload();
    const reloadedAt = log.length;
    const sinceReload = () =>
      log
        .slice(reloadedAt)
        .filter((r) => r.url().startsWith(foreign))
        .map((r) => r.url());
    await expect(page.getByTestId('confirm-source')).toBeVisible({ timeout: 120_000 });
    await page.waitForTimeout(2000);
    expect(sinceReload()).toEqual([]);

    // Declining uses the lab's own weights and drops the link's source from the address bar.
    await page.getByTestId('decline-source').click();
    await waitForResult(page, 'B0');
    expect(new URL(page.url()).searchParams.get('models')).toBeNull();
    expect(sinceReload()).toEqual([]);
  });
});

test('?view=bench&auto=1 starts nothing without a click, ?debug=1 or not; link flags wait to be ticked; window.phiLab needs ?debug=1', async ({ page }) => {
  await openApp(page, '?view=bench&auto=1&backends=wasm&variants=B0&runs=1&backend=wasm');
  await expect(page.getByTestId('bench-progress')).toHaveText('This link asks to run the benchmark: press Start to run it.');
  expect(await page.evaluate(() => ({ lab: 'phiLab' in window, bench: '__benchProgress' in window }))).toEqual({ lab: false, bench: false });

  // The whole link of issue 25: debug, every variant and backend, 200 runs, a tf.env flag.
  await openApp(
    page,
    '?view=bench&auto=1&debug=1&variants=B0,B1,B2,B3,B4,B5,B6,B7&backends=webgpu,webgl,wasm,cpu&runs=200&flags=WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=1&backend=wasm',
  );
  await expect(page.getByTestId('bench-progress')).toHaveText('This link asks to run the benchmark: press Start to run it.');
  await expect(page.getByTestId('bench-link-flags')).toContainText('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=1');
  await expect(page.getByTestId('bench-link-flags-confirm')).not.toBeChecked();
  await page.waitForTimeout(3000);
  await expect(page.getByTestId('bench')).toHaveAttribute('data-state', 'idle');
  expect(
    await page.evaluate(() => ({ bench: '__benchProgress' in window, lab: typeof (window as unknown as { phiLab?: { soak?: unknown } }).phiLab?.soak })),
  ).toEqual({
    bench: false,
    lab: 'function',
  });
});
