/** Makes sure the synthetic B0/B1 exports the browser tests use exist (they are git-ignored and
 *  generated from ../shared's genuine topologies), and that the app was built. */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const SHARED = resolve(ROOT, '../shared');

export default function globalSetup(): void {
  const dist = process.env.E2E_DIST ?? 'dist';
  if (!existsSync(resolve(ROOT, dist, 'index.html'))) {
    throw new Error(`${dist}/ is missing: run \`npm run build\` before \`npm run test:e2e\` (npm test does both)`);
  }
  if (!existsSync(resolve(SHARED, 'models/efficientnet-tfhub/B0/model.json'))) {
    console.warn(`[e2e] ${SHARED} is absent: synthetic weights cannot be made; model tests will skip`);
    return;
  }
  execSync('npx tsx scripts/synth-models.ts --variants B0,B1', { cwd: ROOT, stdio: 'inherit' });
}
