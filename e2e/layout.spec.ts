// Layout from a 360 px phone to a 1920 px projector, light and dark: nothing scrolls sideways on the
// phone, the side panel never covers the view (stacked above it when narrow, beside it when wide,
// also after scrolling), and the Lab is photographed in each case (no inference is waited for).
// The photos go to the test's output folder; E2E_SCREENSHOTS=docs/screenshots refreshes the two committed ones.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from './fixtures/test';
import { ROOT, openApp } from './helpers';

const VIEWS = ['compare', 'teach', 'bench', 'lab'] as const;
const VIEW_ROOT = { lab: 'dropzone', compare: 'compare', teach: 'teach', bench: 'bench' } as const;

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The panel's and the main column's boxes in the viewport, at the current scroll position. */
const boxes = (page: Page) =>
  page.evaluate(() => {
    const box = (sel: string): Box => {
      const r = document.querySelector(sel)!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    return { panel: box('.side-panel'), main: box('.main') };
  });

const overlaps = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

async function expectPanelClear(page: Page, where: string): Promise<void> {
  for (const y of [0, 100_000]) {
    await page.evaluate((top) => window.scrollTo({ top, behavior: 'instant' }), y);
    const { panel, main } = await boxes(page);
    expect(overlaps(panel, main), `${where}, scrolled to ${y ? 'the bottom' : 'the top'}: panel ${JSON.stringify(panel)} main ${JSON.stringify(main)}`).toBe(
      false,
    );
  }
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
}

for (const scheme of ['light', 'dark'] as const) {
  for (const width of [360, 1920] as const) {
    test(`${width} px, ${scheme}: no sideways scroll, the side panel clear of the view, a screenshot`, async ({ page }) => {
      await page.setViewportSize({ width, height: width === 360 ? 780 : 1080 });
      await page.emulateMedia({ colorScheme: scheme });
      await openApp(page);
      const bg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
      expect(bg).toBe(scheme === 'dark' ? '#0f141b' : '#f7f8fb');
      for (const view of VIEWS) {
        await page.getByTestId(`tab-${view}`).click();
        await expect(page.getByTestId(VIEW_ROOT[view])).toBeVisible();
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, `${view}: page width at ${width} px`).toBeLessThanOrEqual(width);
        await expectPanelClear(page, view);
      }
      const { panel, main } = await boxes(page);
      if (width === 360)
        expect(panel.bottom).toBeLessThanOrEqual(main.top); // stacked
      else expect(panel.right).toBeLessThanOrEqual(main.left); // side by side
      const committed = (width === 360) === (scheme === 'dark'); // docs/screenshots holds lab-360-dark and lab-1920-light
      const dir = process.env.E2E_SCREENSHOTS && committed ? resolve(ROOT, process.env.E2E_SCREENSHOTS) : test.info().outputPath();
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, `lab-${width}-${scheme}.png`) });
    });
  }
}
