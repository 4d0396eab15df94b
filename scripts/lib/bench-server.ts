/** Build, synthetic weights and the preview server for `npm run bench`. Child process output goes
 *  to stderr so that `--json` keeps stdout clean. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';

export const log = (...args: unknown[]) => console.error('[bench]', ...args);

export function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(path)) m = Math.max(m, newestMtime(join(path, e)));
  return m;
}

/** dist/ exists and is newer than every source that goes into it. */
export function distIsFresh(root: string): boolean {
  const built = join(root, 'dist', 'index.html');
  if (!existsSync(built)) return false;
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => newestMtime(join(root, p)));
  return statSync(built).mtimeMs >= Math.max(...inputs);
}

export async function ensureBuild(root: string, build: boolean | null): Promise<void> {
  if (build === false) {
    if (!existsSync(join(root, 'dist', 'index.html'))) throw new Error('--no-build, but dist/ is missing');
    return;
  }
  if (build === null && distIsFresh(root)) {
    log('dist/ is up to date; not rebuilding (--build forces it)');
    return;
  }
  log('building the app (vite build)…');
  await run('npx', ['vite', 'build', '--logLevel', 'warn'], root);
}

export async function ensureSynthetic(root: string, variants: number[]): Promise<void> {
  const missing = variants.filter((k) => !existsSync(join(root, 'synthetic-models', `B${k}`, 'model.json')));
  if (!missing.length) return;
  const list = missing.map((k) => `B${k}`).join(',');
  log(`generating synthetic weights for ${list}…`);
  await run('npx', ['tsx', 'scripts/synth-models.ts', '--variants', list], root);
}

/** `vite preview` on 127.0.0.1 at a free port (the config's headers and /synthetic-models/). */
export async function startPreview(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: PreviewServer = await preview({
    root,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const addr = server.httpServer.address();
  if (!addr || typeof addr === 'string') throw new Error('preview server has no TCP address');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    close: () => server.close(),
  };
}
