/** Vitest global setup: under CI=true a missing fixture some test needs (ALL_NEEDS) fails the
 *  whole run at once with the one fixtures line (no stack: nothing else to read), before any test
 *  file is collected. */
import { FIXTURES_MISSING, ALL_NEEDS, inCi, missingFixtures } from './fixtures';

export default function setup(): void {
  if (inCi() && missingFixtures(ALL_NEEDS).length > 0) {
    console.error(FIXTURES_MISSING);
    process.exit(1);
  }
}
