import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import { contentSecurityPolicy } from './scripts/lib/csp.ts';
import { wasmThreadScripts } from './scripts/lib/wasm-threads.ts';
// Cross-origin isolation (threads for the wasm backend); the service worker adds the same headers where the host sends none.
import { ISOLATION_HEADERS } from './src/sw-rules.ts';

const SYNTH_DIR = resolve(import.meta.dirname, 'synthetic-models');
const SYNTH_PREFIX = '/synthetic-models/';

/** Serves the git-ignored synthetic weights (npm run models:synth) from dev and preview servers
 *  without copying hundreds of MB into dist/. */
function serveSyntheticModels(): Plugin {
  // Under Vite's `base` (e.g. /lab/) the app asks for <base>synthetic-models/ (src/store/source.ts).
  let prefixes = [SYNTH_PREFIX];
  const handler: Connect.NextHandleFunction = (req, res, next) => {
    const url = (req.url ?? '').split('?')[0];
    const prefix = prefixes.find((p) => url.startsWith(p));
    if (!prefix) return next();
    const rel = normalize(decodeURIComponent(url.slice(prefix.length)));
    const file = join(SYNTH_DIR, rel);
    if (!file.startsWith(SYNTH_DIR) || !existsSync(file) || !statSync(file).isFile()) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    const st = statSync(file);
    // An ETag lets the app's model.json revalidation cost a 304 instead of the whole file.
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('Content-Length', String(st.size));
    res.setHeader('Content-Type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-cache');
    createReadStream(file).pipe(res);
  };
  return {
    name: 'serve-synthetic-models',
    configResolved: (c) => void (prefixes = [...new Set([`${c.base.replace(/\/?$/, '/')}synthetic-models/`, SYNTH_PREFIX])]),
    configureServer: (server) => void server.middlewares.use(handler),
    configurePreviewServer: (server) => void server.middlewares.use(handler),
  };
}

function injectCsp(): Plugin {
  return {
    name: 'inject-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(process.env) }, injectTo: 'head-prepend' },
    ],
  };
}

/** What the service worker (src/sw.ts) precaches at install: the whole build (shell, chunks,
 *  workers, every tfjs-backend-wasm binary) except ONNX Runtime's .wasm files (14 and 27 MB, only
 *  for the bench's ONNX comparison; the worker keeps them on first use instead). */
export const PRECACHE = {
  globPatterns: ['**/*.{html,js,css,svg,webmanifest,wasm}'],
  globIgnores: ['**/ort-wasm*.wasm'],
  // The largest precached file is the bench worker (~1.2 MB); a file over the limit fails the build.
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
};

const pwa = () =>
  VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src',
    filename: 'sw.ts', // built to <outDir>/sw.js, registered at <base>sw.js with scope <base>
    registerType: 'prompt',
    injectRegister: false, // main.tsx registers it (virtual:pwa-register)
    manifest: false, // public/manifest.webmanifest is the one manifest
    // A classic script (how registerSW registers it), built as one IIFE.
    injectManifest: { ...PRECACHE, rollupFormat: 'iife' },
  });

export default defineConfig({
  plugins: [react(), serveSyntheticModels(), injectCsp(), wasmThreadScripts(), pwa()],
  server: { host: '127.0.0.1', port: 5173, headers: ISOLATION_HEADERS },
  // The preview server also sends the CSP as a header: a meta tag does not reach the worker.
  preview: {
    host: '127.0.0.1',
    port: 4173,
    headers: { ...ISOLATION_HEADERS, 'Content-Security-Policy': contentSecurityPolicy(process.env, true) },
  },
  worker: { format: 'es' },
  build: { target: 'es2022' },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'test-support/**/*.test.ts'],
    globalSetup: ['test-support/vitest-global-setup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
