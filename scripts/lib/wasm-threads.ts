/** Serves tfjs-backend-wasm's pthread script and glue as same-origin files, so that the threaded
 *  build runs in the inference worker, under the app's CSP too.
 *
 *  tfjs starts each pthread from a blob: URL of its worker script, which importScripts() a blob:
 *  copy of the glue made from the bundled factory's source. Minified, that source names variables
 *  outside it, so every pthread dies at start; under the CSP header blob: is refused anyway; either
 *  way the backend waits forever for its threads (the old "threaded wasm hangs"). Here both scripts
 *  become files at the app's root: src/model/backend.ts starts pthreads from the first, whose
 *  preamble sends the glue's blob: URL to the second. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { OutgoingHttpHeaders } from 'node:http';
import type { Connect, Plugin } from 'vite';

const PTHREAD_SCRIPT = 'tfjs-wasm-pthread.js';
const THREADED_GLUE = 'tfjs-wasm-threaded-glue.js';

const require = createRequire(import.meta.url);
const WASM_OUT = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd';

/** The pthread script: tfjs' own, after a preamble that sends its importScripts() of the glue
 *  (a blob: URL) to the glue file next to it, and, where a CSP enforces Trusted Types, a default
 *  policy that lets same-origin script URLs through. */
function pthreadScript(): string {
  const { wasmWorkerContents } = require(`${WASM_OUT}.worker.js`) as { wasmWorkerContents: string };
  const preamble = `(() => {
  const glue = new URL(${JSON.stringify(THREADED_GLUE)}, self.location.href).href;
  const sameOrigin = (u) => {
    if (new URL(u, self.location.href).origin !== self.location.origin) throw new TypeError('Refused a script from another origin: ' + u);
    return u;
  };
  if (self.trustedTypes && !self.trustedTypes.defaultPolicy) self.trustedTypes.createPolicy('default', { createScriptURL: sameOrigin });
  const load = self.importScripts.bind(self);
  self.importScripts = (...urls) => load(...urls.map((u) => (String(u).startsWith('blob:') ? glue : u)));
})();\n`;
  // The contents are a template literal: its "\n" escapes became newlines inside string literals
  // (tfjs escapes them back the same way before making its blob).
  return preamble + wasmWorkerContents.replace(/\n/g, '\\n');
}

const glue = (): string => readFileSync(require.resolve(`${WASM_OUT}.js`), 'utf8');

/** Each script's file name and its maker (read when asked, so a dev server sees a reinstall). */
const FILES: Record<string, () => string> = { [PTHREAD_SCRIPT]: pthreadScript, [THREADED_GLUE]: glue };

/** Emits both scripts into the build and serves them from the dev and preview servers. */
export function wasmThreadScripts(): Plugin {
  let base = '/';
  // The dev server's headers (COOP/COEP) go on these answers too: a worker script without COEP is
  // refused inside an isolated page, and the threads would never start under `npm run dev`.
  let headers: OutgoingHttpHeaders = {};
  const handler: Connect.NextHandleFunction = (req, res, next) => {
    const url = (req.url ?? '').split('?')[0];
    const make = url.startsWith(base) ? FILES[url.slice(base.length)] : undefined;
    if (!make) return next();
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
    res.setHeader('Content-Type', 'text/javascript');
    res.end(make());
  };
  return {
    name: 'wasm-thread-scripts',
    configResolved: (c) => void (base = c.base.replace(/\/?$/, '/')),
    configureServer: (server) => {
      headers = server.config.server.headers ?? {};
      server.middlewares.use(handler);
    },
    generateBundle() {
      for (const [fileName, make] of Object.entries(FILES)) this.emitFile({ type: 'asset', fileName, source: make() });
    },
  };
}
