// The service worker's rules (issue 25, item 6): only a 200 of the expected type is precached (a
// host's SPA fallback cannot become a script, a .wasm or the shell), and a build carrying a
// security fix takes over open tabs while any other update waits for the prompt.
import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, SECURITY_FIX, precacheable, takesOver, withIsolation } from './sw-rules';

describe('precacheable', () => {
  const u = (path: string) => `https://lab.example/lab/${path}?__WB_REVISION__=abc`;

  it('takes a 200 of the type the name calls for', () => {
    expect(precacheable(u('index.html'), 200, 'text/html; charset=utf-8')).toBe(true);
    expect(precacheable(u('assets/index-x1.js'), 200, 'text/javascript')).toBe(true);
    expect(precacheable(u('assets/index-x1.js'), 200, 'application/javascript; charset=utf-8')).toBe(true);
    expect(precacheable(u('assets/index-x1.css'), 200, 'text/css')).toBe(true);
    expect(precacheable(u('assets/tfjs-backend-wasm-x1.wasm'), 200, 'application/wasm')).toBe(true);
    expect(precacheable(u('favicon.svg'), 200, 'image/svg+xml')).toBe(true);
    expect(precacheable(u('manifest.webmanifest'), 200, 'application/manifest+json')).toBe(true);
  });

  it('refuses an SPA fallback (200 text/html) for a script, a .wasm or a manifest, and any non-200', () => {
    for (const path of ['assets/index-x1.js', 'assets/tfjs-backend-wasm-x1.wasm', 'manifest.webmanifest', 'assets/index-x1.css', 'favicon.svg']) {
      expect(precacheable(u(path), 200, 'text/html'), path).toBe(false);
    }
    for (const status of [0, 201, 203, 204, 206, 301, 302, 304, 399, 404, 500])
      expect(precacheable(u('index.html'), status, 'text/html'), String(status)).toBe(false);
    expect(precacheable(u('index.html'), 200, 'application/octet-stream')).toBe(false);
    expect(precacheable(u('assets/x.wasm'), 200, null)).toBe(false);
    expect(precacheable(u('robots.txt'), 200, 'text/plain')).toBe(true); // no rule: anything but HTML
    expect(precacheable(u('robots.txt'), 200, 'text/html')).toBe(false);
  });
});

describe('takesOver', () => {
  it('only a higher security number over an active build, never a first install', () => {
    expect(SECURITY_FIX).toBeGreaterThanOrEqual(1);
    expect(takesOver(null)).toBe(false);
    expect(takesOver(0, 1)).toBe(true); // a build from before the rule
    expect(takesOver(1, 1)).toBe(false); // an ordinary update: the prompt
    expect(takesOver(2, 1)).toBe(false);
    expect(takesOver(1, 2)).toBe(true);
  });
});

describe('withIsolation', () => {
  it('adds COOP and COEP to a response served without them, keeping status, headers and body', async () => {
    const r = withIsolation(new Response('<p>shell</p>', { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/html' } }));
    expect(r.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(r.headers.get('Cross-Origin-Embedder-Policy')).toBe('credentialless');
    expect(r.headers.get('Content-Type')).toBe('text/html');
    expect([r.status, r.statusText, await r.text()]).toEqual([200, 'OK', '<p>shell</p>']);
  });

  it("keeps a host's own values and passes error responses unchanged", () => {
    const own = new Response('x', { headers: { 'Cross-Origin-Embedder-Policy': 'require-corp' } });
    const r = withIsolation(own);
    expect(r.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(r.headers.get('Cross-Origin-Opener-Policy')).toBe(ISOLATION_HEADERS['Cross-Origin-Opener-Policy']);
    const both = new Response('x', { headers: ISOLATION_HEADERS });
    expect(withIsolation(both)).toBe(both);
    const error = Response.error();
    expect(withIsolation(error)).toBe(error);
  });
});
