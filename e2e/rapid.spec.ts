import { expect, test, type Page } from './fixtures/test';
import { dropFile, openApp, photo, waitForResult, skipWithout, SYNTHETIC } from './helpers';

skipWithout({ ...SYNTHETIC, photos: ['car.jpg'] });

/** Records every prediction the page displays (variant and φ of the result), in order. */
async function recordDisplays(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { shown: string[] }).shown = seen;
    const el = document.querySelector('[data-testid="prediction"]')!;
    new MutationObserver(() => seen.push(el.getAttribute('data-for') ?? '')).observe(el, { attributes: true, attributeFilter: ['data-for'] });
  });
}

const tensors = async (page: Page) => Number(await page.getByTestId('tensors').textContent());

test('200 rapid φ changes by keyboard and drag end on the final φ, never stale, tensors flat', async ({ page }) => {
  await openApp(page, '?backend=wasm&debug=1');
  await dropFile(page, photo('car.jpg'));
  await waitForResult(page, 'B0', 'car.jpg');
  const slider = page.getByTestId('phi-slider');
  await slider.fill('1');
  await waitForResult(page, 'B1', 'car.jpg');
  await slider.fill('0');
  await waitForResult(page, 'B0', 'car.jpg');
  const baseline = await tensors(page);
  await recordDisplays(page);

  // 120 key presses wandering between B0 and B1 …
  await slider.focus();
  for (let i = 0; i < 120; i++) await page.keyboard.press(i % 28 < 14 ? 'ArrowRight' : 'ArrowLeft', { delay: 0 });
  // … then 80 drag moves across the slider, released at φ≈1 (B1); it stays within B0–B1 so the same two networks are loaded.
  const box = (await slider.boundingBox())!;
  const xAt = (phi: number) => box.x + 8 + ((box.width - 16) * phi) / 7;
  await page.mouse.move(xAt(0), box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; i < 80; i++) await page.mouse.move(xAt(i % 2 ? 1.4 : 0.2), box.y + box.height / 2);
  await page.mouse.move(xAt(1), box.y + box.height / 2);
  await page.mouse.up();

  const finalPhi = Number(await page.getByTestId('phi-value').textContent());
  const finalVariant = `B${Math.round(finalPhi)}`;
  await expect(page.getByTestId('variant')).toHaveText(finalVariant);
  await waitForResult(page, finalVariant, 'car.jpg');
  await page.waitForTimeout(3000); // anything still queued would land now
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-for', finalVariant);
  const shown = await page.evaluate(() => (window as unknown as { shown: string[] }).shown);
  console.log(`final φ ${finalPhi} → ${finalVariant}; displays during the storm: ${shown.length}`);
  expect(shown[shown.length - 1]).toBe(finalVariant);
  // Both variants stay loaded; the tensor count is what it was with both loaded before.
  expect(await tensors(page)).toBe(baseline);
});

test('soak: 300 consecutive inferences keep the tensor count and GPU bytes flat (webgpu)', async ({ page }) => {
  test.setTimeout(900_000);
  await openApp(page, '?debug=1');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  type Mem = { numTensors: number; numBytes: number; gpuBytes: number | null };
  type Lab = { phiLab: { soak: (runs: number) => Promise<{ steadyRuns: number; memory: Mem }> } };
  const soak = (runs: number) => page.evaluate((n) => (window as unknown as Lab).phiLab.soak(n), runs);
  const warm = await soak(3); // builds the network and compiles its shaders
  const t0 = Date.now();
  const done = await soak(300);
  console.log(
    `soak: ${done.steadyRuns} steady runs in ${((Date.now() - t0) / 1000).toFixed(0)} s; tensors ${warm.memory.numTensors} → ${done.memory.numTensors}; GPU bytes ${warm.memory.gpuBytes} → ${done.memory.gpuBytes}`,
  );
  expect(done.steadyRuns).toBeGreaterThanOrEqual(300);
  expect(done.memory.numTensors).toBe(warm.memory.numTensors);
  expect(done.memory.numBytes).toBe(warm.memory.numBytes);
  expect(done.memory.gpuBytes).not.toBeNull();
  expect(done.memory.gpuBytes).toBe(warm.memory.gpuBytes);
});
