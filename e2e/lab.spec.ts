import { expect, test } from './fixtures/test';
import { dropFile, openApp, photo, waitForResult, skipWithout, SYNTHETIC } from './helpers';

test.describe('side panel readouts (no inference needed)', () => {
  test('slider to 1 shows B1: 240 px and the B1 label; to 0.5 the formula network', async ({ page }) => {
    await openApp(page);
    const slider = page.getByTestId('phi-slider');
    await slider.fill('1');
    await expect(page.getByTestId('resolution')).toHaveText('240');
    await expect(page.getByTestId('variant')).toHaveText('B1');
    await expect(page.getByTestId('paper-top1')).toHaveText('79.1');
    await expect(slider).toHaveAttribute('aria-valuetext', 'φ 1.0 — B1, 240 px');
    await expect(page.getByTestId('formula-vs-official')).toContainText('B1: w 1, d 1.1, r 240');

    await slider.fill('0.5');
    await expect(page.getByTestId('phi-value')).toHaveText('0.5');
    await expect(page.getByText('Formula network at φ 0.5')).toBeVisible();
    await expect(page.getByTestId('variant')).toHaveText('B1'); // nearest official answers
    await expect(slider).toHaveAttribute('aria-valuetext', `φ 0.5 — formula network, ${Math.round(224 * 1.15 ** 0.5)} px; prediction from B1`);
    await expect(page.getByTestId('resolution')).toHaveText(String(Math.round(224 * 1.15 ** 0.5)));
    await expect(page.getByTestId('depth')).toContainText(`${(1.2 ** 0.5).toFixed(2)}×`);
    await expect(page.getByTestId('width')).toContainText(`${(1.1 ** 0.5).toFixed(2)}×`);

    await slider.fill('3');
    await expect(page.getByTestId('formula-vs-official')).toHaveText('formula φ=3: w 1.33, d 1.73, r ≈341 | B3: w 1.2, d 1.4, r 300');
    await page.screenshot({ path: test.info().outputPath('lab-phi3.png'), fullPage: true });
  });

  test('keyboard: arrows step 0.1, PageUp/PageDown step a whole variant', async ({ page }) => {
    await openApp(page);
    const slider = page.getByTestId('phi-slider');
    await slider.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('phi-value')).toHaveText('0.3');
    await page.keyboard.press('PageUp');
    await expect(page.getByTestId('phi-value')).toHaveText('1.3');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('phi-value')).toHaveText('2.0');
    await expect(page.getByTestId('variant')).toHaveText('B2');
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('variant')).toHaveText('B1');
  });

  test('state round-trips through the URL; invalid values are ignored with a notice', async ({ page }) => {
    await openApp(page, '?phi=2.5&view=teach&compare=B0,B2,B3');
    await expect(page.getByTestId('phi-value')).toHaveText('2.5');
    await expect(page.getByTestId('teach')).toBeVisible();
    await page.getByTestId('phi-slider').fill('4');
    await page.getByTestId('tab-compare').click();
    await expect(page).toHaveURL(/phi=4\.0/);
    await expect(page).toHaveURL(/view=compare/);
    await page.reload();
    await expect(page.getByTestId('phi-value')).toHaveText('4.0');
    await expect(page.getByTestId('compare')).toBeVisible();
    await expect(page).toHaveURL(/compare=B0%2CB2%2CB3|compare=B0,B2,B3/);

    await openApp(page, '?phi=99&backend=quantum&models=ftp://evil.example/');
    await expect(page.getByTestId('phi-value')).toHaveText('7.0');
    await expect(page.getByTestId('notice')).toHaveCount(3);
    await expect(page.getByTestId('notice').nth(0)).toContainText('clamped to 7');
  });

  test('presentation mode: the deck, keyboard stepping anywhere, hideable controls', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('present-toggle').click();
    await expect(page.getByTestId('app')).toHaveClass(/present/);
    await expect(page.getByTestId('slide-index')).toHaveText(/^1 \/ \d+$/);
    await expect(page).toHaveURL(/present=1/);
    await page.getByTestId('slide-index').click(); // focus off the button: Space would press it
    await page.keyboard.press('PageDown');
    await expect(page).toHaveURL(/slide=2/);
    await page.keyboard.press('1');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('deck-phi')).toHaveText('1.1');
    await page.keyboard.press('5');
    await expect(page.getByTestId('variant')).toHaveText('B5');
    await page.keyboard.press('h');
    await expect(page.getByTestId('backend')).toBeHidden();
    await page.getByTestId('controls-toggle').click();
    await expect(page.getByTestId('backend')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('present.png') });
  });
});

test.describe('live inference', () => {
  skipWithout({ ...SYNTHETIC, photos: ['fish.jpg'] });

  test('moving φ from B0 to B1 shows B1 prediction; compiling is shown apart from running', async ({ page }) => {
    await openApp(page);
    await dropFile(page, photo('fish.jpg'));
    await waitForResult(page, 'B0', 'fish.jpg');
    await page.getByTestId('phi-slider').fill('1');
    const t0 = Date.now();
    await waitForResult(page, 'B1');
    console.log(`slider release → B1 top-1 shown (cold B1): ${Date.now() - t0} ms`);
    await expect(page.getByTestId('latency-kind')).toHaveText(/first run|steady/);
    await page.getByTestId('phi-slider').fill('0');
    await waitForResult(page, 'B0');
    await page.getByTestId('phi-slider').fill('1');
    const t1 = Date.now();
    await waitForResult(page, 'B1');
    console.log(`slider release → B1 top-1 shown (warm B1): ${Date.now() - t1} ms`);
    await expect(page.getByTestId('latency-kind')).toHaveText('(steady)');
    await page.screenshot({ path: test.info().outputPath('lab-b1.png'), fullPage: true });
  });
});
