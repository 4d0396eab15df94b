import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Debian's Chromium (apt package `chromium`); never `playwright install`. */
const DEFAULT_CHROMIUM = '/usr/lib/chromium/chromium';
export const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(DEFAULT_CHROMIUM) ? DEFAULT_CHROMIUM : undefined);

/** WebGPU in headless Chromium without a GPU: SwiftShader's CPU Vulkan. Slow, so timeouts are
 *  generous (first WebGPU inference compiles every shader). */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  // A generated test-pattern camera for the webcam test (used only when a page asks for one).
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

const PORT = Number(process.env.E2E_PORT ?? 4173);
/** Build folder served to the tests (parallel work can build into its own, e.g. dist-x). */
const DIST = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  timeout: 300_000,
  expect: { timeout: 120_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0, // a flaky test is a bug to fix, never retried
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  globalSetup: './e2e/global-setup.ts',
  outputDir: process.env.E2E_OUT ?? 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 860 },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
