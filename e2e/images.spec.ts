/** Robustness of image input: each bad file either classifies sensibly or shows a clear error
 *  naming the file and the reason, the previous image stays, and the next good image classifies.
 *  Odd files are made here (Node buffers, zlib; the GIF, SVG, HEIC header and large RGBA PNG from a
 *  photo by src/image/test-support/format-variants.ts, the WebP by the browser's canvas) or are tiny
 *  fixtures in e2e/fixtures; photos come from the fixtures module (test-support/fixtures.ts). */
import { expect, test, type Page } from './fixtures/test';
import jpeg from 'jpeg-js';
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { withOrientation } from '../src/image/test-support/exif-jpeg';
import { fishSvg, heicHeader, largeRgbaPng, photoGif } from '../src/image/test-support/format-variants';
import { bandedPng, pngFile } from '../src/image/test-support/png-writer';
import { ROOT, openApp, photo, waitForResult, top5, skipWithout, SYNTHETIC } from './helpers';

skipWithout({ ...SYNTHETIC, photos: ['fish.jpg', 'panda.jpg'] });

const fixture = (name: string) => resolve(ROOT, 'e2e/fixtures', name);

type Upload = string | { name: string; mimeType: string; buffer: Buffer };

const give = (page: Page, file: Upload) => page.getByTestId('file-input').setInputFiles(file);

/** The error for a file, in full; the image shown before stays. */
async function expectError(page: Page, text: string, stillShown: string) {
  await expect(page.getByTestId('error')).toHaveText(text);
  await expect(page.getByTestId('image-name')).toHaveText(stillShown);
}

/** B0's result for `name` is displayed, the caption shows the name and (when given) the size the
 *  network got, and no error is left. */
async function expectClassified(page: Page, name: string, size?: string) {
  await waitForResult(page, 'B0', name);
  await expect(page.getByTestId('image-name')).toHaveText(name);
  await expect(page.getByTestId('prediction')).toContainText(`“${name}”`);
  await expect(page.getByTestId('error')).toHaveCount(0);
  if (size) await expect(page.getByTestId('dropzone').locator('figcaption')).toContainText(` · ${size} · `);
}

// ---- files made here ----------------------------------------------------------------------------

/** A small 8-bit RGBA PNG of one colour. */
function solidPng(name: string, width: number, height: number, rgba: [number, number, number, number]) {
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgba).flat())]);
  const buffer = pngFile(width, height, 6, deflateSync(Buffer.concat(Array.from({ length: height }, () => row))));
  return { name, mimeType: 'image/png', buffer };
}

/** A 12000×12000 RGB PNG (432 MB of pixels as RGB, 576 MB as RGBA) of ~0.5 MB: see bandedPng. */
async function hugePng(size = 12000) {
  return { name: `huge-${size}x${size}.png`, mimeType: 'image/png', buffer: await bandedPng(size) };
}

/** A wide JPEG (left half red, right half blue) with EXIF orientation 6 (rotate 90° clockwise),
 *  over MAX_SIDE, so orientation and downscaling must agree. */
function rotatedWideJpeg(width = 4400, height = 800) {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(x < width / 2 ? [230, 40, 30, 255] : [20, 40, 220, 255], (y * width + x) * 4);
  }
  const jpg = jpeg.encode({ width, height, data }, 70).data;
  return { name: 'rotated-wide.jpg', mimeType: 'image/jpeg', buffer: withOrientation(jpg, 6) };
}

/** RSS of this process's tree (the test worker and the Chromium it launched), in MB. */
function treeRssMb(): number {
  const rows = execSync('ps -eo pid=,ppid=,rss=')
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const kids = new Map<number, number[]>();
  for (const [pid, ppid] of rows) kids.set(ppid, [...(kids.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , kb]) => [pid, kb]));
  let sum = 0;
  const stack = [process.pid];
  while (stack.length) {
    const p = stack.pop()!;
    sum += rss.get(p) ?? 0;
    stack.push(...(kids.get(p) ?? []));
  }
  return sum / 1024;
}

/** `jpeg` re-encoded as WebP by the page's canvas. */
async function webpOf(page: Page, jpeg: Buffer): Promise<Buffer> {
  const b64 = await page.evaluate(async (src) => {
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(src), (c) => c.charCodeAt(0))], { type: 'image/jpeg' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/webp', quality: 0.9 })).arrayBuffer());
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  }, jpeg.toString('base64'));
  return Buffer.from(b64, 'base64');
}

/** Read on use: without fixtures the whole file is skipped and there is no photo to read. */
const fish = () => readFileSync(photo('fish.jpg'));
const XSS = '<img src=x onerror=alert(1)>.jpg';

test('bad files: a clear error naming the file and the reason, the old image stays, the next good image classifies', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const tmp = mkdtempSync(join(tmpdir(), 'images-spec-'));
  try {
    await openApp(page);
    await give(page, photo('fish.jpg'));
    await expectClassified(page, 'fish.jpg');

    await give(page, { name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) });
    await expectError(page, 'Could not use "empty.jpg": the file is empty (0 bytes)', 'fish.jpg');

    await give(page, { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Shopping list:\n- goldfish food\n- a bigger bowl\n') });
    await expectError(page, 'Could not use "notes.jpg": it is not an image: the file contains text, not image data (the name ends in .jpg)', 'fish.jpg');

    await give(page, { name: 'truncated.jpg', mimeType: 'image/jpeg', buffer: fish().subarray(0, Math.floor(fish().length * 0.6)) });
    await expectError(
      page,
      'Could not use "truncated.jpg": the JPEG data is cut short (the file ends before the image does) and cannot be decoded; was the download or copy interrupted?',
      'fish.jpg',
    );

    // SVG: rasterised through an <img> (1200pt × 585pt = 1600 × 780 px)
    await give(page, { name: 'fish.svg', mimeType: 'image/svg+xml', buffer: fishSvg() });
    await expectClassified(page, 'fish.svg', '1600×780');

    await give(page, { name: 'fish.heic', mimeType: 'image/heic', buffer: heicHeader() });
    await expectError(
      page,
      'Could not use "fish.heic": it is a HEIC/HEIF image (the iPhone camera format), which this browser cannot decode; convert it to JPEG or PNG first (on an iPhone: Settings › Camera › Formats › Most Compatible)',
      'fish.svg',
    );

    // over 50 MB: a sparse file, never read
    const big = join(tmp, 'over-50-MB.jpg');
    writeFileSync(big, '');
    truncateSync(big, 60 * 1024 * 1024);
    await give(page, big);
    await expectError(page, 'Could not use "over-50-MB.jpg": the file is 60.0 MB; the limit is 50 MB', 'fish.svg');

    // a decompression bomb's header: refused before decoding
    await give(page, { name: 'bomb.png', mimeType: 'image/png', buffer: pngFile(20000, 20000, 2, deflateSync(Buffer.alloc(10))) });
    await expectError(page, 'Could not use "bomb.png": the image is 20000×20000 pixels (400 megapixels); the limit is 200 megapixels', 'fish.svg');

    // animated GIF: the first frame
    await give(page, { name: 'fish.gif', mimeType: 'image/gif', buffer: photoGif(fish()) });
    await expectClassified(page, 'fish.gif');
    // WebP, from the photo by the browser's own encoder (Node has none)
    const webp = await webpOf(page, fish());
    expect(webp.subarray(8, 16).toString('latin1')).toMatch(/^WEBPVP8/);
    await give(page, { name: 'fish.webp', mimeType: 'image/webp', buffer: webp });
    await expectClassified(page, 'fish.webp');

    // file names are text, never HTML: in the error, the caption and the result
    await give(page, { name: XSS, mimeType: 'image/jpeg', buffer: Buffer.from('not an image') });
    await expectError(page, `Could not use "${XSS}": it is not an image: the file contains text, not image data (the name ends in .jpg)`, 'fish.webp');
    await give(page, { name: XSS, mimeType: 'image/jpeg', buffer: fish() });
    await expectClassified(page, XSS);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.getByTestId('image-name').locator('*')).toHaveCount(0);

    await give(page, photo('fish.jpg'));
    await expectClassified(page, 'fish.jpg');
    expect(dialogs).toEqual([]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('odd but valid images classify: grey and CMYK JPEG, 1×1 PNG, RGBA PNG, transparency on white, 12000² PNG, rotated big JPEG', async ({ page }) => {
  // Records what the page hands to createImageBitmap: nothing, since the inference worker decodes
  // (and the 12000² PNG is streamed there, never given to the browser's full-size decoder).
  await page.addInitScript(() => {
    const w = window as unknown as { __bitmapSources: string[] };
    w.__bitmapSources = [];
    const original = window.createImageBitmap.bind(window) as (...a: unknown[]) => Promise<ImageBitmap>;
    (window as unknown as { createImageBitmap: unknown }).createImageBitmap = (src: unknown, ...rest: unknown[]) => {
      const s = src as { size?: number; width?: number; height?: number; constructor: { name: string } };
      w.__bitmapSources.push(src instanceof Blob ? `Blob ${s.size} bytes` : `${s.constructor.name} ${s.width}×${s.height}`);
      return original(src, ...rest);
    };
  });
  await openApp(page);

  await give(page, fixture('grey.jpg'));
  await expectClassified(page, 'grey.jpg', '96×72');

  await give(page, fixture('cmyk.jpg'));
  await expectClassified(page, 'cmyk.jpg', '96×72');
  // decoded as colour, not inverted: the green box is green, the circle white (the preview <img>)
  const colours = await page.locator('figure.preview img').evaluate((img: HTMLImageElement) => {
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const at = (x: number, y: number) => [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)];
    return { box: at(18, 13), circle: at(48, 36) };
  });
  expect(colours.box[1]).toBeGreaterThan(colours.box[0] + 40);
  expect(colours.box[1]).toBeGreaterThan(colours.box[2] + 40);
  expect(Math.min(...colours.circle)).toBeGreaterThan(200);

  await give(page, solidPng('one-pixel.png', 1, 1, [200, 30, 30, 255]));
  await expectClassified(page, 'one-pixel.png', '1×1');

  // hotdog.png's case: a large 8-bit RGBA PNG, made from a photo
  await give(page, { name: 'rgba-2328x1722.png', mimeType: 'image/png', buffer: largeRgbaPng(readFileSync(photo('panda.jpg'))) });
  await expectClassified(page, 'rgba-2328x1722.png', '2328×1722');

  // Transparent pixels are composited on white: a fully transparent (black, alpha 0) image gives
  // exactly the network output of an opaque white one, and a black one differs.
  await give(page, solidPng('transparent.png', 16, 16, [0, 0, 0, 0]));
  await expectClassified(page, 'transparent.png');
  const transparent = await top5(page);
  await give(page, solidPng('white.png', 16, 16, [255, 255, 255, 255]));
  await expectClassified(page, 'white.png');
  const white = await top5(page);
  await give(page, solidPng('black.png', 16, 16, [0, 0, 0, 255]));
  await expectClassified(page, 'black.png');
  const black = await top5(page);
  expect(transparent).toEqual(white);
  expect(black).not.toEqual(white);

  // 12000×12000: decoded at reduced size (4000², every 3×3 block averaged), shown through a small
  // copy, without the 576 MB a full decode takes.
  const huge = await hugePng();
  await page.evaluate(() => ((window as unknown as { __bitmapSources: string[] }).__bitmapSources = []));
  const before = treeRssMb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssMb())), 100);
  const t0 = Date.now();
  await give(page, huge);
  await expect(page.getByTestId('image-name')).toHaveText(huge.name);
  const decodeMs = Date.now() - t0;
  clearInterval(sampler);
  const sources = await page.evaluate(() => (window as unknown as { __bitmapSources: string[] }).__bitmapSources);
  console.log(
    `12000² PNG (${(huge.buffer.length / 1e6).toFixed(2)} MB file): on screen after ${decodeMs} ms; ` +
      `RSS of test worker + Chromium ${before.toFixed(0)} MB before, peak +${(peak - before).toFixed(0)} MB; createImageBitmap got: ${sources.join(', ')}`,
  );
  expect(sources).toEqual([]); // decoded off the page
  await expectClassified(page, huge.name, '4000×4000');
  // shown through a small re-encoded copy: an <img> of the original would decode all 576 MB
  const shown = await page.locator('figure.preview img').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
  expect(shown).toEqual([2048, 2048]);

  // EXIF orientation 6 on a 4400×800 JPEG: shown and classified as 800×4400, downscaled to fit 4096
  await give(page, rotatedWideJpeg());
  await expectClassified(page, 'rotated-wide.jpg', '745×4096');

  await give(page, photo('fish.jpg'));
  await expectClassified(page, 'fish.jpg');
});

test('a 5000×4400 PNG decodes off the page: no main-thread long task over 100 ms from the drop to its result', async ({ page }) => {
  await openApp(page);
  await waitForResult(page, 'B0');
  const png = { name: 'big-5000x4400.png', mimeType: 'image/png', buffer: await bandedPng(5000, 4400) };
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(Math.round(e.duration)))).observe({ type: 'longtask' });
  });
  await give(page, png);
  await expectClassified(page, png.name, '4096×3604');
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  console.log(`5000×4400 PNG: main-thread long tasks from the drop to its result (ms): ${JSON.stringify(longTasks)}`);
  expect(longTasks.filter((ms) => ms > 100)).toEqual([]);
});
