/** Vitest global setup: under CI=true a missing fixture fails the whole run at once with the one
 *  fixtures line, before any test file is collected. */
import { ALL_NEEDS, fixtureSkipReason } from './fixtures';

export default function setup(): void {
  fixtureSkipReason(ALL_NEEDS); // throws FIXTURES_MISSING under CI when something is missing
}
