// Image input beyond the file picker (real drop and paste events, the crop preview, a fake webcam)
// and the "run the formula network" toggle.
import { expect, test, type Page } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { dropFile, openApp, photo, waitForResult, skipWithout, SYNTHETIC } from './helpers';

skipWithout({ ...SYNTHETIC, photos: ['fish.jpg', 'panda.jpg'] });

/** A DataTransfer in the page holding photo `name` (bytes from the fixtures module) as a File. */
function dataTransferWith(page: Page, name: string) {
  const b64 = readFileSync(photo(name)).toString('base64');
  return page.evaluateHandle(
    ({ b64, name }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: 'image/jpeg' }));
      return dt;
    },
    { b64, name },
  );
}

/** [width, height] from the preview caption ("name · W×H · …"). */
async function imageSize(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('dropzone').locator('figcaption').textContent()) ?? '';
  const m = / · (\d+)×(\d+) · /.exec(text);
  expect(m, `caption "${text}"`).not.toBeNull();
  return [Number(m![1]), Number(m![2])];
}

test('drag-and-drop and paste classify; the preview shows the crop the network sees or the full image with it outlined', async ({ page }) => {
  await openApp(page);
  const zone = page.getByTestId('dropzone');
  await zone.dispatchEvent('dragover', { dataTransfer: await dataTransferWith(page, 'panda.jpg') });
  await expect(zone).toHaveClass(/\bover\b/);
  await zone.dispatchEvent('drop', { dataTransfer: await dataTransferWith(page, 'panda.jpg') });
  await waitForResult(page, 'B0', 'panda.jpg');
  await expect(page.getByTestId('image-name')).toHaveText('panda.jpg');
  await expect(zone).not.toHaveClass(/\bover\b/);

  // Cropped view (default): the image is scaled so the centre square of side trunc(224/256·min(w,h))
  // (the reference's whole pixels, offsets (extent − side + 1) // 2) fills the frame.
  const [w, h] = await imageSize(page);
  const side = Math.trunc((224 / (224 + 32)) * Math.min(w, h));
  await expect(zone.locator('figcaption')).toContainText('the crop the network sees, resized to 224²');
  const imgWidth = await page
    .getByTestId('crop-view')
    .locator('img')
    .evaluate((el) => parseFloat((el as HTMLElement).style.width));
  expect(imgWidth).toBeCloseTo((w / side) * 100, 1);

  // Full image with the crop outlined, centred.
  await zone.getByRole('button', { name: 'Show full image' }).click();
  const outline = page.getByTestId('crop-outline');
  await expect(outline).toBeVisible();
  const box = await outline.evaluate((el) => {
    const s = (el as HTMLElement).style;
    return { left: parseFloat(s.left), top: parseFloat(s.top), width: parseFloat(s.width), height: parseFloat(s.height) };
  });
  expect(box.width).toBeCloseTo((side / w) * 100, 1);
  expect(box.height).toBeCloseTo((side / h) * 100, 1);
  expect(box.left).toBeCloseTo((Math.floor((w - side + 1) / 2) / w) * 100, 1);
  expect(box.top).toBeCloseTo((Math.floor((h - side + 1) / 2) / h) * 100, 1);
  await zone.getByRole('button', { name: 'Show crop' }).click();
  await expect(page.getByTestId('crop-view')).toBeVisible();

  // Paste from the clipboard (Ctrl/⌘+V anywhere on the page).
  const clip = await dataTransferWith(page, 'fish.jpg');
  await page.evaluate((dt) => window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt })), clip);
  await waitForResult(page, 'B0', 'fish.jpg');
  await expect(page.getByTestId('image-name')).toHaveText('fish.jpg');
});

test('"run the formula network": latency of a random-weight network at exactly φ, no prediction; off again, the nearest variant answers', async ({ page }) => {
  await openApp(page);
  await dropFile(page, photo('panda.jpg'));
  await waitForResult(page, 'B0', 'panda.jpg');
  await page.getByTestId('phi-slider').fill('0.3');
  const resolution = (await page.getByTestId('resolution').textContent())!.trim();
  expect(resolution).toBe(String(Math.round(224 * 1.15 ** 0.3)));
  await page.getByTestId('formula-toggle').check();
  const note = page.getByTestId('formula-note');
  await expect(note).toHaveText(`Formula network phi=0.3 (${resolution} px) has random weights: latency only, no prediction.`, { timeout: 240_000 });
  await expect(page.getByTestId('prediction')).toHaveCount(0);
  await expect(page.getByTestId('latency-ms')).toHaveText(/^\d+$/);
  expect(Number(await page.getByTestId('latency-ms').textContent())).toBeGreaterThan(0);

  await page.getByTestId('formula-toggle').uncheck();
  await waitForResult(page, 'B0', 'panda.jpg'); // φ 0.3: B0 is the nearest official variant
  await expect(note).toHaveCount(0);
});

test.describe('webcam', () => {
  // Chromium's fake camera (a generated test pattern, see playwright.config.ts) stands in for a real one.
  test.use({ permissions: ['camera'] });

  test('a still from the camera becomes the image and classifies', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('camera-start').click();
    await expect(page.getByTestId('camera-preview')).toBeVisible();
    const capture = page.getByTestId('camera-capture');
    await expect(capture).toBeEnabled();
    await capture.click();
    await expect(page.getByTestId('image-name')).toHaveText(/^camera-\d\d:\d\d:\d\d\.png$/);
    const [w, h] = await imageSize(page);
    expect(w * h).toBeGreaterThan(0);
    const name = (await page.getByTestId('image-name').textContent())!;
    await waitForResult(page, 'B0', name);
    await expect(page.getByTestId('camera-preview')).toHaveCount(0); // the camera is released
  });
});
