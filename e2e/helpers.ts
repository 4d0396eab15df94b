import { expect, test, type Page } from './fixtures/test';
import { join } from 'node:path';
import type { RequestLogEntry } from '../src/worker/protocol';
import { FIXTURES_MISSING, REPO_ROOT, findPhoto, fixtureSkipReason, photoCandidates, type FixtureNeeds } from '../test-support/fixtures';

export const ROOT = REPO_ROOT;

/** The synthetic weights the lab loads by default: global-setup makes them from the topologies. */
export const SYNTHETIC: FixtureNeeds = { topologies: true };

/** Skips the enclosing file or describe block when a fixture it names is missing, so each spec
 *  (or test group) skips for what it reads and nothing else; under CI=true a missing fixture
 *  throws the fixtures line instead: a failure, never a skip. */
export function skipWithout(needs: FixtureNeeds): void {
  const reason = fixtureSkipReason(needs);
  test.skip(reason !== null, reason ?? FIXTURES_MISSING);
}
/** A photo by name ('panda.jpg', 'imagenet-sample/INDEX.json'), wherever the fixtures module finds it. */
export const photo = (name: string) => findPhoto(name) ?? join(photoCandidates()[0], name);

/** Opens the app and waits for the worker to pick a backend. */
export async function openApp(page: Page, query = ''): Promise<void> {
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`[browser] ${m.text()}`);
  });
  await page.goto(`/${query}`);
  await expect(page.getByTestId('backend')).not.toHaveText('…', { timeout: 120_000 });
}

/** Waits for a prediction from `variant` (e.g. "B0"), on `image` when given, to be displayed. */
/** The shown top-5: class index and probability of each row. */
export async function top5(page: Page): Promise<{ index: number; prob: number }[]> {
  return page
    .getByTestId('top5')
    .locator('li')
    .evaluateAll((lis) => lis.map((li) => ({ index: Number(li.getAttribute('data-index')), prob: Number(li.getAttribute('data-prob')) })));
}

export async function waitForResult(page: Page, variant: string, image?: string): Promise<void> {
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-for', variant, { timeout: 240_000 });
  if (image) await expect(page.getByTestId('prediction')).toHaveAttribute('data-image', image, { timeout: 240_000 });
  await expect(page.getByTestId('top1-label')).not.toHaveText('—');
}

export async function dropFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(path);
}

/** The inference worker's own log of the requests it handled (needs ?debug=1). */
export function requestLog(page: Page): Promise<RequestLogEntry[]> {
  return page.evaluate(() => (window as unknown as { phiLab: { requestLog(): Promise<RequestLogEntry[]> } }).phiLab.requestLog());
}
