/** Vitest global setup: under CI=true a missing fixture fails the whole run at once with the one
 *  fixtures line (no stack: nothing else to read), before any test file is collected. */
import { ALL_NEEDS, FIXTURES_MISSING, inCi, missingFixtures } from './fixtures';

export default function setup(): void {
  if (inCi() && missingFixtures(ALL_NEEDS).length > 0) {
    console.error(FIXTURES_MISSING);
    process.exit(1);
  }
}
