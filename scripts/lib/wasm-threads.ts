/** Serves tfjs-backend-wasm's pthread scripts as same-origin files, so the threaded build runs in the
 *  inference worker under the app's CSP (worker-src and script-src 'self', Trusted Types).
 *
 *  tfjs starts each pthread from a blob: URL of its worker script, and that script importScripts()
 *  a blob: copy of the glue. blob: is outside 'self', so under the CSP header both loads fail and
 *  the backend waits forever for threads that never start (the old "threaded wasm hangs"). Here the
 *  two scripts become files at the app's root; the Trusted Types default policies (the worker's, and
 *  the one the pthread script installs first) turn those blob: URLs into these files' URLs. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Connect, Plugin } from 'vite';

export const PTHREAD_SCRIPT = 'tfjs-wasm-pthread.js';
export const THREADED_GLUE = 'tfjs-wasm-threaded-glue.js';

const require = createRequire(import.meta.url);
const WASM_OUT = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd';

/** The pthread script: a Trusted Types default policy that sends the glue's blob: URL to the
 *  glue file next to it (a no-op where no CSP enforces Trusted Types), then tfjs' own script. */
function pthreadScript(): string {
  const { wasmWorkerContents } = require(`${WASM_OUT}.worker.js`) as { wasmWorkerContents: string };
  const policy = `if (self.trustedTypes && !self.trustedTypes.defaultPolicy) self.trustedTypes.createPolicy('default', {
  createScriptURL: (u) => {
    if (u.startsWith('blob:')) return new URL(${JSON.stringify(THREADED_GLUE)}, self.location.href).href;
    if (new URL(u, self.location.href).origin !== self.location.origin) throw new TypeError('Refused a script from another origin: ' + u);
    return u;
  },
});\n`;
  // The contents are a template literal: its "\n" escapes became newlines inside string literals
  // (tfjs escapes them back the same way before making its blob).
  return policy + wasmWorkerContents.replace(/\n/g, '\\n');
}

const glue = (): string => readFileSync(require.resolve(`${WASM_OUT}.js`), 'utf8');

/** Emits both scripts into the build and serves them from the dev and preview servers. */
export function wasmThreadScripts(): Plugin {
  let base = '/';
  const files = (): Record<string, () => string> => ({ [PTHREAD_SCRIPT]: pthreadScript, [THREADED_GLUE]: glue });
  const handler: Connect.NextHandleFunction = (req, res, next) => {
    const url = (req.url ?? '').split('?')[0];
    const make = url.startsWith(base) ? files()[url.slice(base.length)] : undefined;
    if (!make) return next();
    res.setHeader('Content-Type', 'text/javascript');
    res.end(make());
  };
  return {
    name: 'wasm-thread-scripts',
    configResolved: (c) => void (base = c.base.replace(/\/?$/, '/')),
    configureServer: (server) => void server.middlewares.use(handler),
    generateBundle() {
      for (const [fileName, make] of Object.entries(files())) this.emitFile({ type: 'asset', fileName, source: make() });
    },
  };
}
