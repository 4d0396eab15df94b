// Accessibility: axe-core on every view in light and dark (no serious or critical violation),
// empty and holding results, and a keyboard-only image pick that ends in a classification (axe once more on the Lab's result).
import { seriousViolations } from './axe';
import { expect, test } from './fixtures/test';
import { openApp, photo, waitForResult, skipWithout, SYNTHETIC } from './helpers';

const VIEWS = ['lab', 'compare', 'teach', 'bench'] as const;
const VIEW_ROOT = { lab: 'dropzone', compare: 'compare', teach: 'teach', bench: 'bench' } as const;

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: no serious or critical violation on Lab, Compare, Teach and Bench (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page); // one page load; the views are switched by their tabs
    const found: string[] = [];
    for (const view of VIEWS) {
      await page.getByTestId(`tab-${view}`).click();
      await expect(page.getByTestId(VIEW_ROOT[view])).toBeVisible();
      found.push(...(await seriousViolations(page)).map((v) => `${view}: ${v}`));
    }
    expect(found, `serious or critical axe violations (${scheme})`).toEqual([]);
  });
}

// The same views holding answers (wasm: quicker): the Lab's result, Compare's cards, and the
// Teach view's timed own-coefficients rows. The race with finished rows is checked where
// paper.spec.ts has timed it, Evaluate with results where evaluate.spec.ts has run it (no second
// run of either). Both schemes on one page: one set of runs.
test('axe: no serious or critical violation on views holding results, light and dark', async ({ page }) => {
  skipWithout(SYNTHETIC); // the lab's B0 answers from the synthetic weights
  test.setTimeout(600_000);
  await openApp(page, '?backend=wasm&phi=0&compare=B0,B1');
  await waitForResult(page, 'B0');
  await page.getByTestId('tab-compare').click();
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('compare-steady-ms')).toHaveCount(2, { timeout: 240_000 });
  await expect(page.getByTestId('compare-steady-ms').nth(1)).not.toHaveText('—', { timeout: 240_000 });
  await page.getByTestId('tab-teach').click();
  await page.getByTestId('custom-run').click();
  await expect(page.getByTestId('released-latency')).toHaveText(/^\d[\d.]* \/ \d[\d.]*$/, { timeout: 240_000 });
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const view of ['lab', 'compare', 'teach'] as const) {
      await page.getByTestId(`tab-${view}`).click();
      await expect(page.getByTestId(VIEW_ROOT[view])).toBeVisible();
      found.push(...(await seriousViolations(page)).map((v) => `${view} (${scheme}): ${v}`));
    }
  }
  expect(found, 'serious or critical axe violations on views with results').toEqual([]);
});

test.describe('keyboard only', () => {
  skipWithout({ ...SYNTHETIC, photos: ['panda.jpg'] });

  test('Tab to the image picker, Enter opens it, the chosen photo classifies; axe finds nothing on the result', async ({ page }) => {
    await openApp(page);
    const input = page.getByTestId('file-input');
    let tabs = 0;
    while (!(await input.evaluate((el) => el === document.activeElement))) {
      expect(++tabs, 'Tab presses before the image picker has focus').toBeLessThan(40);
      await page.keyboard.press('Tab');
    }
    // The focused picker is visibly marked (its label shows the focus ring).
    const outline = await page
      .locator('.file-button')
      .first()
      .evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    await chooser.setFiles(photo('panda.jpg'));
    await waitForResult(page, 'B0', 'panda.jpg');
    await expect(page.getByTestId('result-summary')).toContainText('panda.jpg');
    expect(await seriousViolations(page), 'lab with a result').toEqual([]);
  });
});
