/** Preparing a class: B0 and B1 downloaded and verified from the panel, then the network goes
 *  away and B1 answers with no request; a quota too small for a variant leaves nothing of it. */
import { expect, test } from './fixtures/test';
import { openApp, waitForResult, skipWithout, SYNTHETIC } from './helpers';

skipWithout(SYNTHETIC);
test.use({ serviceWorkers: 'block' }); // every model fetch visible to the context

type Lab = { phiLab: { store: { getState(): { setPhi(phi: number): void } } } };
const status = (page: import('@playwright/test').Page, v: string) => page.locator(`[data-testid="prepare-status"][data-variant="${v}"]`);
const box = (page: import('@playwright/test').Page, v: string) => page.locator(`[data-testid="prepare-variant"][data-variant="${v}"]`);

test('prepare B0 + B1, go offline: B1 answers with no model request; a full quota keeps nothing of a variant', async ({ page, context }) => {
  test.setTimeout(240_000);
  await openApp(page, '?backend=wasm&debug=1');
  await waitForResult(page, 'B0');
  await page.getByTestId('prepare-offline').click();
  for (const v of ['B0', 'B1', 'B2', 'B3']) await expect(box(page, v)).toBeChecked();
  await box(page, 'B2').uncheck();
  await box(page, 'B3').uncheck();
  await expect(page.getByTestId('prepare-size')).toContainText('Chosen 50.2 MB');
  await page.getByTestId('prepare-start').click();
  await expect(status(page, 'B0')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await expect(status(page, 'B1')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await expect(status(page, 'B2')).toHaveAttribute('data-state', 'missing');
  await expect(page.getByTestId('prepare-size')).toContainText('0 B to download');

  const requests: string[] = [];
  context.on('request', (r) => void (r.url().includes('/synthetic-models/') && requests.push(r.url())));
  await context.setOffline(true);
  await page.evaluate(() => (window as unknown as Lab).phiLab.store.getState().setPhi(1));
  await waitForResult(page, 'B1');
  expect(requests).toEqual([]);
  await context.setOffline(false);

  // Removing B1 takes it out of the cache; then a quota with room for nothing more refuses it.
  await page.locator('[data-testid="prepare-remove"][data-variant="B1"]').click();
  await expect(status(page, 'B1')).toHaveAttribute('data-state', 'missing');
  await page.evaluate(() => {
    const s = navigator.storage;
    s.estimate = async () => ({ usage: 1e9, quota: 1e9 + 5e6 });
  });
  await page.getByTestId('prepare-start').click();
  await expect(status(page, 'B1')).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('alert').filter({ hasText: 'Not enough storage for B1' })).toContainText('it needs 31 MB, the browser grants 5 MB more');
  const b1Keys = await page.evaluate(async () => (await (await caches.open('efficientnet-models-v1')).keys()).filter((r) => r.url.includes('/B1/')).length);
  expect(b1Keys).toBe(0);
});
