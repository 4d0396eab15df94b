/** npm run fixtures — fills .cache/fixtures/ from the pinned commits (needs internet).
 *  npm run fixtures -- --check — exits 1 with the one-line FIXTURES_MISSING under CI=true when a
 *  fixture some test needs is not found (npm test runs it first, so CI fails fast); outside CI it
 *  only says what is missing. */
import { parseArgs } from 'node:util';
import { fetchFixtures } from './lib/fetch-fixtures';
import { ALL_NEEDS, CACHE_DIR, FIXTURES_MISSING, inCi, missingFixtures } from '../test-support/fixtures';

async function main(): Promise<void> {
  if (parseArgs({ options: { check: { type: 'boolean', default: false } } }).values.check) {
    const missing = missingFixtures(ALL_NEEDS);
    if (missing.length === 0) return;
    if (inCi()) {
      console.error(FIXTURES_MISSING);
      process.exit(1);
    }
    console.warn(`${FIXTURES_MISSING} (tests that need them will skip: ${missing.length} missing)`);
    return;
  }
  console.log(`fixtures: downloading into ${CACHE_DIR}`);
  const bytes = await fetchFixtures(CACHE_DIR, (url) => fetch(url, { signal: AbortSignal.timeout(60_000) }), console.log);
  console.log(`fixtures: done, ${(bytes / 1e6).toFixed(1)} MB verified`);
}

main().catch((e: Error) => {
  console.error(`fixtures failed: ${e.message}`);
  process.exit(1);
});
