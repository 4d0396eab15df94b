/** Vitest global setup: under CI=true a missing fixture the unit tests need (UNIT_NEEDS) fails the
 *  whole run at once with the one fixtures line (no stack: nothing else to read), before any test
 *  file is collected. */
import { FIXTURES_MISSING, UNIT_NEEDS, inCi, missingFixtures } from './fixtures';

export default function setup(): void {
  if (inCi() && missingFixtures(UNIT_NEEDS).length > 0) {
    console.error(FIXTURES_MISSING);
    process.exit(1);
  }
}
