import { expect, test } from './fixtures/test';
import { dropFile, openApp, photo, waitForResult, skipWithout, SYNTHETIC } from './helpers';

test.describe('GPU and runtime faults', () => {
  skipWithout({ ...SYNTHETIC, photos: ['fish.jpg'] });

  test('a lost WebGPU device: the worker re-initialises and the next request works', async ({ page }) => {
    await openApp(page, '?debug=1');
    await dropFile(page, photo('fish.jpg'));
    await waitForResult(page, 'B0', 'fish.jpg');
    const before = await page.getByTestId('top1-label').textContent();
    await page.evaluate(() => (window as unknown as { phiLab: { debug: (a: string) => Promise<void> } }).phiLab.debug('lose-device'));
    await expect(page.getByTestId('backend-reason')).toContainText('device lost');
    // The next request (B1 then back to B0) runs on a fresh device.
    await page.getByTestId('phi-slider').fill('1');
    await waitForResult(page, 'B1', 'fish.jpg');
    await expect(page.getByTestId('backend-reason')).toContainText('re-initialised after the device was lost');
    await expect(page.getByTestId('backend')).toHaveText('webgpu');
    await page.getByTestId('phi-slider').fill('0');
    await waitForResult(page, 'B0', 'fish.jpg');
    await expect(page.getByTestId('top1-label')).toHaveText(before!);
  });

  test('a worker crash: restarted, the pending request answered with an error, then works again', async ({ page }) => {
    await openApp(page, '?backend=wasm&debug=1');
    await dropFile(page, photo('fish.jpg'));
    await waitForResult(page, 'B0', 'fish.jpg');
    await page.getByTestId('phi-slider').fill('1'); // a request is pending while the worker dies
    await page.evaluate(() => (window as unknown as { phiLab: { debug: (a: string) => Promise<void> } }).phiLab.debug('crash'));
    await expect(page.getByTestId('error')).toContainText('inference worker crashed');
    await expect(page.getByTestId('error')).toContainText('restarted');
    await expect(page.getByTestId('backend')).toHaveText('wasm');
    await page.getByTestId('retry').click();
    await waitForResult(page, 'B1', 'fish.jpg');
    await expect(page.getByTestId('error')).toHaveCount(0);
  });

  test('out of memory on a large variant: a clear message, and a smaller one still works', async ({ page }) => {
    await openApp(page, '?backend=wasm&debug=1');
    await waitForResult(page, 'B0');
    await page.evaluate(() => (window as unknown as { phiLab: { debug: (a: string) => Promise<void> } }).phiLab.debug('oom-next'));
    await page.getByTestId('phi-slider').fill('1');
    await expect(page.getByTestId('error')).toContainText('Out of memory while running B1. Try a smaller φ');
    await page.getByTestId('phi-slider').fill('0');
    await waitForResult(page, 'B0');
    await expect(page.getByTestId('error')).toHaveCount(0);
  });
});
