import { expect, test } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { dropFile, openApp, photo, waitForResult, skipWithout, SYNTHETIC } from './helpers';

test.describe('compare and teach views', () => {
  skipWithout({ ...SYNTHETIC, photos: ['panda.jpg'] });

  test('compare B0+B1 on the current image: two cards with latency numbers, charts, CSV/JSON export', async ({ page }) => {
    await openApp(page, '?compare=B0,B1');
    await dropFile(page, photo('panda.jpg'));
    await waitForResult(page, 'B0', 'panda.jpg');
    await expect(page.getByTestId('tab-lab')).toHaveAttribute('aria-current', 'page');
    await page.getByTestId('tab-compare').click();
    await expect(page.getByTestId('tab-compare')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('tab-lab')).not.toHaveAttribute('aria-current');
    await expect(page.getByTestId('compare-pick-B0')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('compare-pick-B1')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('compare-image')).toContainText('panda.jpg');
    await page.getByTestId('compare-run').click();
    const cards = page.getByTestId('compare-card');
    await expect(cards).toHaveCount(2);
    for (const v of ['B0', 'B1']) {
      const card = page.locator(`[data-testid="compare-card"][data-variant="${v}"]`);
      await expect(card).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
      const first = Number(await card.getByTestId('compare-first-ms').textContent());
      const steady = Number(await card.getByTestId('compare-steady-ms').textContent());
      expect(first).toBeGreaterThan(0);
      expect(steady).toBeGreaterThan(0);
      await expect(card.getByTestId('compare-top5').locator('li')).toHaveCount(5);
    }
    await expect(page.getByTestId('chart-latency').locator('svg').first()).toBeVisible();
    await expect(page.getByTestId('chart-accuracy').locator('svg').first()).toBeVisible();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.split('\n')[0]).toContain('variant,resolution,flops');
    expect(text).toMatch(/^B0,224,\d+/m);
    expect(text).toMatch(/^B1,240,\d+/m);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const rows = JSON.parse(readFileSync(await json.path(), 'utf8')) as { name: string; steadyMs: number }[];
    expect(rows.map((r) => r.name)).toEqual(['B0', 'B1']);
    await page.screenshot({ path: test.info().outputPath('compare.png'), fullPage: true });
  });

  test('teach view follows φ: formulas, scaled stage table, growing network picture', async ({ page }) => {
    await openApp(page, '?view=teach&phi=0');
    await expect(page.getByTestId('teach')).toBeVisible();
    await expect(page.getByTestId('network-picture')).toHaveAttribute('data-blocks', '16');
    await expect(page.getByTestId('stage-row')).toHaveCount(7);
    await page.getByTestId('phi-slider').fill('3');
    await expect(page.getByTestId('teach-depth')).toContainText('1.728');
    await expect(page.getByTestId('teach-resolution')).toContainText('341');
    await expect(page.getByTestId('teach-constraint')).toContainText('1.92');
    const blocks = Number(await page.getByTestId('network-picture').getAttribute('data-blocks'));
    expect(blocks).toBeGreaterThan(16);
    // The budget chart's grid comes with the page, not with Compare's stylesheet (never opened here).
    await expect(page.getByTestId('budget').locator('.compare-charts')).toHaveCSS('display', 'grid');
    await page.screenshot({ path: test.info().outputPath('teach.png'), fullPage: true });
  });
});
