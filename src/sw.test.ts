// The service worker's precache, read from a real production build (under a non-root `base`):
// every file of the build is in it (none silently dropped by the size limit) except ONNX Runtime's
// big .wasm files, every tfjs-backend-wasm binary is, and the entry registers <base>sw.js.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const BASE = '/lab/';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'));
}

describe('service worker precache (production build)', () => {
  let out = '';
  let files: string[] = [];
  let precached: string[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'phi-sw-'));
    const nodeEnv = process.env.NODE_ENV; // vitest's "test" would give React's development build
    process.env.NODE_ENV = 'production';
    try {
      await build({
        root: ROOT,
        configFile: join(ROOT, 'vite.config.ts'),
        mode: 'production',
        base: BASE,
        logLevel: 'error',
        build: { outDir: out, emptyOutDir: true },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    files = filesUnder(out);
    const sw = readFileSync(join(out, 'sw.js'), 'utf8');
    precached = [...sw.matchAll(/\{"revision":(?:"[0-9a-f]+"|null),"url":"([^"]+)"\}/g)].map((m) => m[1]);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('holds the shell, the workers and every tfjs wasm binary', () => {
    expect(precached).toEqual(expect.arrayContaining(['index.html', 'manifest.webmanifest', 'favicon.svg']));
    const tfjsWasm = precached.filter((u) => u.endsWith('.wasm')).map((u) => u.replace(/^assets\//, '').replace(/-[\w-]{8}\.wasm$/, '.wasm'));
    expect(tfjsWasm.sort()).toEqual(['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm', 'tfjs-backend-wasm.wasm']);
    expect(precached.filter((u) => /^assets\/(inference|bench)\.worker-[\w-]+\.js$/.test(u))).toHaveLength(2);
  });

  it("is the whole build but for the worker itself and ONNX Runtime's .wasm files", () => {
    const ort = files.filter((f) => /^assets\/ort-wasm[^/]*\.wasm$/.test(f));
    expect(ort.length).toBe(2);
    expect(precached.filter((u) => u.includes('ort-wasm'))).toEqual([]);
    expect(new Set(precached)).toEqual(new Set(files.filter((f) => f !== 'sw.js' && !ort.includes(f))));
  });

  it('honours base: the entry registers <base>sw.js with scope <base>', () => {
    const entry = files.find((f) => /^assets\/index-[\w-]+\.js$/.test(f))!;
    const code = readFileSync(join(out, entry), 'utf8');
    expect(code.match(/new \w+\(`[^`]*sw\.js`,\{scope:`[^`]*`/)?.[0]).toMatch(`(\`${BASE}sw.js\`,{scope:\`${BASE}\``);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`href="${BASE}manifest.webmanifest"`);
  });
});
