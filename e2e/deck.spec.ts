// The presentation deck (issue 26) and its QR code (issue 24, item 3), at 1920×1080 and 1280×720:
// every slide walked with the keyboard has no overflow, no visible text below 24 px (citations
// 18 px, key numbers 48 px) scaled to the screen, and no serious or critical axe violation (light
// at one size, dark at the other); ←/→ move φ, &slide= opens a slide, the QR follows the state,
// and printing gives one page per slide. No inference is waited for. E2E_SCREENSHOTS=docs saves
// three slides for the README.
import AxeBuilder from '@axe-core/playwright';
import { join, resolve } from 'node:path';
import { SLIDE_COUNT } from '../src/store/deck';
import { expect, test, type Page } from './fixtures/test';
import { ROOT, openApp } from './helpers';

/** Type limits at 1920×1080 (issue 26); the same proportions hold at any size. */
const MIN_TEXT = 24;
const MIN_CITE = 18;
const MIN_KEY = 48;

interface SlideMeasure {
  id: string;
  overflowY: number;
  overflowX: number;
  text: number;
  cite: number;
  key: number;
  smallest: string;
  scale: number;
}

/** The shown slide's overflow and the smallest rendered type on screen (deck bar and status bar
 *  included; SVG text at the size it is drawn; citations apart; key numbers on the slide). */
function measure(page: Page): Promise<SlideMeasure> {
  return page.evaluate(() => {
    const slides = [...document.querySelectorAll<HTMLElement>('[data-testid="slide"]')].filter((s) => !s.hidden);
    if (slides.length !== 1) throw new Error(`${slides.length} slides shown`);
    const slide = slides[0];
    const scale = Math.min(innerWidth / 1920, innerHeight / 1080);
    let text = Infinity,
      cite = Infinity,
      smallest = '';
    const walker = document.createTreeWalker(document.querySelector('[data-testid="deck"]')!, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || el.closest('.visually-hidden, option, datalist')) continue;
      // Shown: no ancestor without a box (Chromium gives SVG text under display: none client rects).
      let shown = true;
      for (let a: Element | null = el; a && shown; a = a.parentElement)
        shown = getComputedStyle(a).display !== 'none' && getComputedStyle(a).visibility !== 'hidden';
      if (!shown) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (![...range.getClientRects()].some((r) => r.width > 1 && r.height > 1)) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGGraphicsElement) size *= el.getScreenCTM()?.a ?? 1;
      if (el.closest('.deck-cite, .deck-qr figcaption')) cite = Math.min(cite, size);
      else if (size < text) [text, smallest] = [size, node.textContent.trim().slice(0, 40)];
    }
    const keys = [...slide.querySelectorAll('.deck-key, .deck-table-big td, .deck-row-on td, .phi-label output')].map((k) =>
      parseFloat(getComputedStyle(k).fontSize),
    );
    return {
      id: slide.dataset.slide ?? '',
      overflowY: slide.scrollHeight - slide.clientHeight,
      overflowX: slide.scrollWidth - slide.clientWidth,
      text,
      cite,
      key: Math.min(Infinity, ...keys),
      smallest,
      scale,
    };
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 4)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

const shownSlide = (page: Page) => page.locator('[data-testid="slide"]:visible');

const SIZES = [
  { width: 1920, height: 1080, scheme: 'light', next: 'Space' },
  { width: 1280, height: 720, scheme: 'dark', next: 'PageDown' },
] as const;

for (const size of SIZES) {
  test(`${size.width}×${size.height} (${size.scheme}): every slide fits, reads from the back, passes axe`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.emulateMedia({ colorScheme: size.scheme });
    await openApp(page, '?present=1'); // B0: the lightest network runs in the background
    const problems: string[] = [];
    for (let n = 1; n <= SLIDE_COUNT; n++) {
      await expect(page.getByTestId('slide-index')).toHaveText(`${n} / ${SLIDE_COUNT}`);
      const m = await measure(page);
      const at = `slide ${n} (${m.id})`;
      console.log(
        `${size.width}×${size.height} ${at}: overflow ${m.overflowX}×${m.overflowY}, text ≥ ${m.text.toFixed(1)} px, citations ≥ ${m.cite.toFixed(1)}, key numbers ≥ ${m.key.toFixed(1)}`,
      );
      if (m.overflowY > 0 || m.overflowX > 0) problems.push(`${at}: overflows by ${m.overflowX}×${m.overflowY} px`);
      if (m.text < MIN_TEXT * m.scale - 0.05) problems.push(`${at}: text at ${m.text.toFixed(1)} px ("${m.smallest}")`);
      if (m.cite < MIN_CITE * m.scale - 0.05) problems.push(`${at}: citation at ${m.cite.toFixed(1)} px`);
      if (m.key < MIN_KEY * m.scale - 0.05) problems.push(`${at}: key number at ${m.key.toFixed(1)} px`);
      problems.push(...(await seriousViolations(page)).map((v) => `${at}: axe ${v}`));
      const shot = process.env.E2E_SCREENSHOTS;
      if (shot) {
        const committed = size.width === 1920 && ['title', 'grows', 'race'].includes(m.id);
        await page.screenshot({ path: committed ? join(resolve(ROOT, shot), `deck-${m.id}.png`) : test.info().outputPath(`deck-${m.id}.png`) });
      }
      await page.keyboard.press(size.next);
    }
    expect(problems).toEqual([]);
    await expect(page).toHaveURL(new RegExp(`slide=${SLIDE_COUNT}\\b`));
    await page.keyboard.press('Home');
    await expect(shownSlide(page)).toHaveAttribute('data-slide', 'title');
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Space');
    await page.keyboard.press('PageUp');
    await expect(page.getByTestId('slide-index')).toHaveText(`${SLIDE_COUNT - 2} / ${SLIDE_COUNT}`);
  });
}

test('←/→ move φ on a slide, &slide= opens it, the QR data-url follows the state; print gives a page per slide', async ({ page }) => {
  await openApp(page, '?phi=2&view=compare&compare=B0,B3&present=1&slide=4');
  await expect(page.getByTestId('slide-index')).toHaveText(`4 / ${SLIDE_COUNT}`);
  await expect(shownSlide(page)).toHaveAttribute('data-slide', 'grows');
  const blocks = Number(await page.getByTestId('network-picture').getAttribute('data-blocks'));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('deck-phi')).toHaveText('2.2');
  await expect(page).toHaveURL(/phi=2\.2/);
  expect(Number(await page.getByTestId('network-picture').getAttribute('data-blocks'))).toBeGreaterThan(blocks);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('deck-phi')).toHaveText('2.1');
  await page.keyboard.press('3');
  await expect(page.getByTestId('variant')).toHaveText('B3');
  await expect(page.getByTestId('slide-index')).toHaveText(`4 / ${SLIDE_COUNT}`);

  // The QR encodes the page's own state less the presentation itself.
  const expected = () => {
    const u = new URL(page.url());
    u.searchParams.delete('present');
    u.searchParams.delete('slide');
    return u.href;
  };
  const qr = page.getByTestId('share-qr');
  await expect(qr).toHaveAttribute('data-url', expected());
  expect(expected()).toMatch(/\?phi=3\.0&view=compare&compare=B0%2CB3$/);
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/phi=3\.1/);
  await expect(qr).toHaveAttribute('data-url', expected());

  const pdf = await page.pdf({ landscape: true, printBackground: true });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
  expect(pages.length).toBe(SLIDE_COUNT);

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('dropzone')).toHaveCount(0); // view=compare, not the lab
  await expect(page.getByTestId('compare')).toBeVisible();
});
