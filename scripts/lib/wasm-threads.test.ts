import type { Connect, ResolvedConfig, ViteDevServer } from 'vite';
import { describe, expect, it } from 'vitest';
import { wasmThreadScripts } from './wasm-threads';

/** The dev server's answer for `url`: its headers and whether a script body came. */
function serve(url: string, serverHeaders: Record<string, string>) {
  const plugin = wasmThreadScripts();
  (plugin.configResolved as (c: ResolvedConfig) => void)({ base: '/' } as ResolvedConfig);
  let handler: Connect.NextHandleFunction | null = null;
  const server = { config: { server: { headers: serverHeaders } }, middlewares: { use: (h: Connect.NextHandleFunction) => (handler = h) } };
  (plugin.configureServer as (s: ViteDevServer) => void)(server as unknown as ViteDevServer);
  const headers: Record<string, unknown> = {};
  let body = '';
  let passed = false;
  const res = { setHeader: (k: string, v: unknown) => (headers[k] = v), end: (b: string) => (body = b) };
  handler!({ url } as Connect.IncomingMessage, res as never, () => (passed = true));
  return { headers, body, passed };
}

describe('the wasm thread scripts on the dev server', () => {
  const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'credentialless' };

  it("carry the server's isolation headers: a worker script without COEP is refused in an isolated page", () => {
    for (const file of ['/tfjs-wasm-pthread.js', '/tfjs-wasm-threaded-glue.js']) {
      const { headers, body, passed } = serve(file, isolation);
      expect(headers).toEqual({ ...isolation, 'Content-Type': 'text/javascript' });
      expect(body.length).toBeGreaterThan(1000);
      expect(passed).toBe(false);
    }
  });

  it('leave every other URL to the next handler', () => {
    expect(serve('/index.html', isolation)).toEqual({ headers: {}, body: '', passed: true });
  });
});
