import { expect, test, type Page } from './fixtures/test';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, dropFile, openApp, photo, waitForResult, top5, skipWithout, SYNTHETIC } from './helpers';

skipWithout({ ...SYNTHETIC, photos: ['panda.jpg'] });

async function classifyPanda(page: Page, query: string) {
  await openApp(page, query);
  await dropFile(page, photo('panda.jpg'));
  await expect(page.getByTestId('image-name')).toHaveText('panda.jpg');
  // The result must be for the photo, not the start-up test pattern.
  await waitForResult(page, 'B0', 'panda.jpg');
  await expect(page.getByTestId('prediction')).toContainText('panda.jpg');
  return top5(page);
}

test('B0 classifies a dropped photo on webgpu: label, probability, latency, synthetic banner', async ({ page }) => {
  const top = await classifyPanda(page, '');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  await expect(page.getByTestId('synthetic-banner')).toContainText('predictions are meaningless');
  await expect(page.getByTestId('synthetic-banner')).toContainText('latency is real');
  expect(top).toHaveLength(5);
  const label = await page.getByTestId('top1-label').textContent();
  expect(label && label.length).toBeGreaterThan(2);
  const pct = Number((await page.getByTestId('top1-prob').textContent())!.replace('%', ''));
  expect(pct).toBeGreaterThan(0);
  expect(pct).toBeLessThan(100);
  expect(pct).toBeCloseTo(top[0].prob * 100, 1);
  const ms = Number(await page.getByTestId('latency-ms').textContent());
  expect(ms).toBeGreaterThan(0);
  await expect(page.getByTestId('load-progress').first()).toBeAttached();
  for (let i = 1; i < 5; i++) expect(top[i].prob).toBeLessThanOrEqual(top[i - 1].prob);
});

test('B0 on webgpu and on wasm agree: same top-5, probabilities within 1e-4', async ({ browser }) => {
  const gpuPage = await browser.newPage();
  const gpu = await classifyPanda(gpuPage, '?backend=webgpu');
  await expect(gpuPage.getByTestId('backend')).toHaveText('webgpu');
  await gpuPage.close();
  const wasmPage = await browser.newPage();
  const wasm = await classifyPanda(wasmPage, '?backend=wasm');
  await expect(wasmPage.getByTestId('backend')).toHaveText('wasm');
  await wasmPage.close();
  console.log('webgpu top5', JSON.stringify(gpu), '\nwasm top5', JSON.stringify(wasm));
  expect(wasm.map((t) => t.index)).toEqual(gpu.map((t) => t.index));
  const diff = Math.max(...gpu.map((t, i) => Math.abs(t.prob - wasm[i].prob)));
  console.log(`max |p_webgpu - p_wasm| over top-5: ${diff.toExponential(2)}`);
  expect(diff).toBeLessThanOrEqual(1e-4);
});

test('a user drops their own converted model folder: it answers; a folder without model.json is refused; the folder picker names it', async ({ page }) => {
  const dir = resolve(ROOT, 'synthetic-models/B0');
  await openApp(page, '?backend=wasm');
  await page.getByTestId('model-files-input').setInputFiles(
    readdirSync(dir)
      .filter((f) => f.endsWith('.bin'))
      .map((f) => resolve(dir, f)),
  );
  await expect(page.getByTestId('error')).toContainText('a converted model needs its model.json');
  await page.getByTestId('model-files-input').setInputFiles(readdirSync(dir).map((f) => resolve(dir, f)));
  await expect(page.getByTestId('custom-model')).toContainText('Your converted model');
  await dropFile(page, photo('panda.jpg'));
  await waitForResult(page, 'your model “dropped model”', 'panda.jpg');
  // The same weights as the built-in B0: the same prediction.
  const mine = await top5(page);
  await page.getByTestId('custom-model').getByRole('button').click();
  await waitForResult(page, 'B0', 'panda.jpg');
  expect(await top5(page)).toEqual(mine);
  // The folder picker takes the whole folder and names the model after it.
  await page.getByTestId('model-folder-input').setInputFiles(dir);
  await expect(page.getByTestId('custom-model')).toContainText('Your converted model “B0”');
});
