import { expect, test } from './fixtures/test';
import { openApp } from './helpers';

test('the app finds a WebGPU adapter and runs tfjs on webgpu', async ({ page }) => {
  await openApp(page);
  const hasGpu = await page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    return !!gpu && !!(await gpu.requestAdapter());
  });
  expect(hasGpu).toBe(true);
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await expect(page.getByTestId('backend-reason')).toContainText('WebGPU');
});

test('?backend=wasm forces the wasm backend and says so', async ({ page }) => {
  await openApp(page, '?backend=wasm');
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(page.getByTestId('backend-reason')).toContainText('?backend=wasm');
});

test('an unknown ?backend= is ignored with a notice', async ({ page }) => {
  await openApp(page, '?backend=cuda');
  await expect(page.getByTestId('notice')).toContainText('Ignored backend "cuda"');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
});
