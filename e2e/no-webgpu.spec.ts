import { expect, test } from './fixtures/test';
import { CHROMIUM_ARGS, executablePath } from '../playwright.config';
import { openApp } from './helpers';

// Chromium without the unsafe-WebGPU / SwiftShader-adapter flags has no WebGPU adapter here.
test.use({ launchOptions: { executablePath, args: CHROMIUM_ARGS.filter((a) => !a.includes('webgpu')) } });

test('no WebGPU adapter: falls back to the next backend and shows why', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('backend')).not.toHaveText('webgpu');
  await expect(page.getByTestId('backend')).toHaveText(/webgl|wasm|cpu/);
  await expect(page.getByTestId('backend-reason')).toContainText(/WebGPU: (no adapter|navigator\.gpu is missing)/);
});
