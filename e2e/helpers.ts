import { expect, type Page } from './fixtures/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const SHARED = resolve(ROOT, '../shared');
export const HAS_SHARED = existsSync(resolve(SHARED, 'models/efficientnet-tfhub/B0/model.json'));
export const SKIP_NO_SHARED = `../shared (${SHARED}) is absent: no topologies for synthetic weights or photos`;
export const photo = (name: string) => resolve(SHARED, 'images', name);

/** Opens the app and waits for the worker to pick a backend. */
export async function openApp(page: Page, query = ''): Promise<void> {
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`[browser] ${m.text()}`);
  });
  await page.goto(`/${query}`);
  await expect(page.getByTestId('backend')).not.toHaveText('…', { timeout: 120_000 });
}

/** Waits for a prediction from `variant` (e.g. "B0"), on `image` when given, to be displayed. */
export async function waitForResult(page: Page, variant: string, image?: string): Promise<void> {
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-for', variant, { timeout: 240_000 });
  if (image) await expect(page.getByTestId('prediction')).toHaveAttribute('data-image', image, { timeout: 240_000 });
  await expect(page.getByTestId('top1-label')).not.toHaveText('—');
}

export async function dropFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(path);
}
