/** Makes sure the synthetic B0–B2 exports the browser tests use exist (they are git-ignored and
 *  generated from the genuine topologies the fixtures module finds), and that the app was built.
 *  Under CI=true missing fixtures fail the run here, with the one fixtures line; elsewhere each
 *  spec skips for what it names (helpers.ts skipWithout), so without the topologies only the
 *  tests that load the synthetic weights skip. */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ALL_NEEDS, FIXTURES_MISSING, REPO_ROOT, fixtureSkipReason, missingFixtures } from '../test-support/fixtures';

export default function globalSetup(): void {
  const dist = process.env.E2E_DIST ?? 'dist';
  fixtureSkipReason(ALL_NEEDS); // under CI: throws the fixtures line, first
  if (!existsSync(resolve(REPO_ROOT, dist, 'index.html'))) {
    throw new Error(`${dist}/ is missing: run \`npm run build\` before \`npm run test:e2e\` (npm test does both)`);
  }
  const missing = missingFixtures(ALL_NEEDS);
  if (missing.length > 0) console.warn(`[e2e] ${FIXTURES_MISSING}; the tests that need them will skip (missing: ${missing.join('; ')})`);
  if (missingFixtures({ topologies: true }).length > 0) return; // no synthetic weights to make
  execSync('npx tsx scripts/synth-models.ts --variants B0,B1,B2', { cwd: REPO_ROOT, stdio: 'inherit' });
  // Half-size B0 for the float16 test, served beside them as /synthetic-models/f16/B0/.
  execSync('npx tsx scripts/synth-models.ts --variants B0 --dtype float16 --out synthetic-models/f16', { cwd: REPO_ROOT, stdio: 'inherit' });
}
