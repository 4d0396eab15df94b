import { seriousViolationsLightAndDark } from './axe';
import { expect, test, type Page } from './fixtures/test';
import { dropFile, openApp, photo, waitForResult, skipWithout, SYNTHETIC } from './helpers';

/** Distinct RGBA values and the spread of the red channel over a canvas's pixels. */
async function canvasStats(page: Page, nth = 0): Promise<{ distinct: number; spread: number; sum: number }> {
  return page
    .getByTestId('cam')
    .nth(nth)
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      let lo = 255;
      let hi = 0;
      let sum = 0;
      for (let i = 0; i < d.length; i += 4) {
        seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        lo = Math.min(lo, d[i]);
        hi = Math.max(hi, d[i]);
        sum += d[i] * 3 + d[i + 1] * 5 + d[i + 2] * 7;
      }
      return { distinct: seen.size, spread: hi - lo, sum };
    });
}

/** Holds the weight source's first probe (HEAD /models/B0/model.json) until the returned
 *  function is called: a press before that surely comes before the lab knows its weights. */
async function holdSourceProbe(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  await page.route(
    (url) => url.pathname === '/models/B0/model.json',
    async (route) => {
      await released;
      await route.fallback();
    },
  );
  return release;
}

// On wasm, with one timed run after the first: SwiftShader's emulated WebGPU needs minutes for
// five networks of 1.5–1.8B FLOPs on a loaded 2-core machine; the race is the same on any backend.
// Pressed at once on a fresh page, before the weight source is known (issue 22: B0 then failed
// with "/B0/model.json is not valid JSON"): the race waits for the source.
test('the scaling-methods race builds and times the five Table 7 networks on press', async ({ page }) => {
  skipWithout(SYNTHETIC); // B0 runs with the weights the source gives: the synthetic ones
  const releaseSource = await holdSourceProbe(page);
  await page.goto('/?view=teach&backend=wasm', { waitUntil: 'commit' }); // not openApp: no waiting for the lab
  const race = page.getByTestId('method-race');
  const rows = race.getByTestId('race-row');
  await expect(rows).toHaveCount(5);
  // Nothing runs before the press.
  await expect(rows.first()).toHaveAttribute('data-status', 'pending');
  await page.getByTestId('race-runs').selectOption('1');
  await page.getByTestId('race-run').click();
  await expect(rows.first()).toHaveAttribute('data-status', 'running');
  releaseSource();
  await race.scrollIntoViewIfNeeded();
  await expect(race.getByTestId('race-flops').nth(4)).toHaveAttribute('data-flops', '1800091280');
  await expect(race.getByTestId('race-flops').nth(1)).toHaveText('1.58 B');
  for (let i = 0; i < 5; i++) await expect(rows.nth(i)).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  const lat = await race
    .getByTestId('race-latency')
    .evaluateAll((tds) => tds.map((td) => [Number(td.getAttribute('data-first')), Number(td.getAttribute('data-steady'))]));
  expect(lat).toHaveLength(5);
  for (const [first, steady] of lat) {
    expect(first).toBeGreaterThan(0);
    expect(steady).toBeGreaterThan(0);
  }
  await race.screenshot({ path: test.info().outputPath('paper-race.png') });
  // Issue 22 item 5: the Teach view holding the finished race passes axe, light and dark.
  expect(await seriousViolationsLightAndDark(page, 'teach with the finished race'), 'serious or critical axe violations').toEqual([]);
  // The matched race re-solves each dimension to the compound network's FLOPs.
  await page.getByTestId('race-matched').check();
  await expect(race.getByTestId('race-row').nth(2)).toContainText('w = 2.22');
  await expect(race.getByTestId('race-flops').nth(2)).toHaveText('1.82 B');
});

test('pressed at once on a fresh page, the own-coefficients run times the released B0 from the weight source', async ({ page }) => {
  skipWithout(SYNTHETIC); // B0 runs with the weights the source gives: the synthetic ones
  const releaseSource = await holdSourceProbe(page);
  await page.goto('/?view=teach&phi=0&backend=wasm', { waitUntil: 'commit' }); // not openApp: no waiting for the lab
  await page.getByTestId('custom-run').click();
  const released = page.getByTestId('released-latency');
  await expect(released).toHaveText('timing…');
  releaseSource();
  await expect(released).not.toHaveText('timing…', { timeout: 240_000 });
  expect(await released.innerText()).toMatch(/^\d[\d.]* \/ \d[\d.]*$/); // today: "/B0/model.json is not valid JSON"
  await expect(page.getByTestId('custom-latency')).toHaveText(/^\d[\d.]* \/ \d[\d.]*$/);
});

test('own coefficients: α changes the constraint, the network and the URL; fit to 2 solves γ', async ({ page }) => {
  await openApp(page, '?view=teach&phi=2');
  const own = page.getByTestId('own-coefficients');
  await own.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('constraint')).toHaveText('1.920');
  await expect(page.getByTestId('constraint-distance')).toHaveText('(−0.080 from 2)');
  const before = await page.getByTestId('custom-flops').textContent();
  await page.getByTestId('alpha').fill('1.4');
  await expect(page.getByTestId('constraint')).toHaveText('2.240'); // 1.4 · 1.1² · 1.15²
  await expect(page.getByTestId('constraint-distance')).toHaveText('(+0.240 from 2)');
  await expect(page.getByTestId('custom-flops')).not.toHaveText(before!);
  await expect(page).toHaveURL(/alpha=1\.4/);
  await page.getByTestId('fit-gamma').click();
  await expect(page.getByTestId('constraint')).toHaveText('2.000');
  await expect(page.getByTestId('gamma')).toHaveValue(String(Number(Math.sqrt(2 / (1.4 * 1.21)).toFixed(4))));
  await page.getByTestId('beta').fill('7');
  await expect(own.getByRole('alert')).toContainText('must lie between 1 and 2');
  await expect(page.getByTestId('constraint')).toHaveText('2.000'); // the bad value changed nothing
  await page.reload();
  await expect(page.getByTestId('alpha')).toHaveValue('1.4');
  await own.screenshot({ path: test.info().outputPath('paper-own.png') });
  await page.getByTestId('budget').screenshot({ path: test.info().outputPath('paper-budget.png') });
});

test.describe('class activation maps', () => {
  skipWithout({ ...SYNTHETIC, photos: ['panda.jpg'] });

  test('after classifying a photo the map is non-uniform, follows the variant, and compare shows one per variant', async ({ page }) => {
    // Three variant loads and eight SwiftShader inferences: minutes on a loaded 2-core machine.
    test.setTimeout(900_000);
    await openApp(page);
    await dropFile(page, photo('panda.jpg'));
    await waitForResult(page, 'B0', 'panda.jpg');
    await page.getByTestId('cam-toggle').click();
    const cam = page.getByTestId('cam');
    await expect(cam).toHaveAttribute('data-grid', '7×7');
    await expect(page.getByTestId('cam-warning')).toContainText('Synthetic weights');
    const b0 = await canvasStats(page);
    expect(b0.distinct).toBeGreaterThan(20);
    expect(b0.spread).toBeGreaterThan(50);
    await page.getByTestId('crop-view').screenshot({ path: test.info().outputPath('paper-cam-lab.png') });

    await page.getByTestId('phi-slider').fill('1');
    await waitForResult(page, 'B1', 'panda.jpg');
    await expect(cam).toHaveAttribute('data-grid', '8×8'); // B1 at 240 px: a ceil(240/32) grid
    const b1 = await canvasStats(page);
    expect(b1.distinct).toBeGreaterThan(20);
    expect(b1.sum).not.toBe(b0.sum);

    await page.getByTestId('tab-compare').click();
    await page.getByTestId('compare-run').click();
    const maps = page.getByTestId('compare-cam');
    await expect(maps).toHaveCount(2, { timeout: 240_000 });
    await expect(maps.nth(0).getByTestId('cam')).toHaveAttribute('data-grid', '7×7');
    await expect(maps.nth(1).getByTestId('cam')).toHaveAttribute('data-grid', '8×8');
    await page.locator('.compare-cards').screenshot({ path: test.info().outputPath('paper-cam-compare.png') });
  });
});
