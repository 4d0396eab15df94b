import { expect, type Page } from './fixtures/test';
import { join } from 'node:path';
import type { RequestLogEntry } from '../src/worker/protocol';
import { ALL_NEEDS, FIXTURES_MISSING, REPO_ROOT, findPhoto, fixtureSkipReason, photoCandidates } from '../test-support/fixtures';

export const ROOT = REPO_ROOT;
/** Whether the topologies (for the synthetic weights) and the photos are found. Outside CI the
 *  tests that need them skip with SKIP_NO_FIXTURES; under CI a missing fixture throws that line. */
export const HAS_FIXTURES = fixtureSkipReason(ALL_NEEDS) === null;
export const SKIP_NO_FIXTURES = FIXTURES_MISSING;
/** A photo by name ('panda.jpg', 'formats/fish.webp'), wherever the fixtures module finds it. */
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
