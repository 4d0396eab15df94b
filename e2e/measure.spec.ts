import { expect, test } from './fixtures/test';
import { readFileSync } from 'node:fs';
import type { RequestLogEntry } from '../src/worker/protocol';
import { dropFile, openApp, photo, requestLog, waitForResult, skipWithout, SYNTHETIC } from './helpers';

type Lab = { phiLab: { store: { getState(): { setPhi(phi: number): void } } } };

const overlaps = (e: RequestLogEntry, t: { start: number; end: number }) => e.start < t.end && (e.end ?? Infinity) > t.start;

test.describe('latency measured in isolation', () => {
  skipWithout({ ...SYNTHETIC, photos: ['fish.jpg', 'panda.jpg'] });

  test('Compare B0, B1, B2 on a photo: medians rise with FLOPs, cards show p25–p75, nothing else runs while timing', async ({ page }) => {
    // 3 variants × (first + warm-up + 7 timed) runs of up to ~9 s each on SwiftShader under load.
    test.setTimeout(1_500_000);
    await openApp(page, '?compare=B0,B1,B2&debug=1');
    await dropFile(page, photo('panda.jpg'));
    await waitForResult(page, 'B0', 'panda.jpg');
    // The lab now prefetches B1 beside the worker's queue; the comparison must stop it first.
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('compare-run').click();
    const card = (v: string) => page.locator(`[data-testid="compare-card"][data-variant="${v}"]`);
    await expect(card('B2')).toHaveAttribute('data-status', 'running', { timeout: 300_000 });
    // φ moves while the series runs: the lab's own run must wait until the timing is over.
    await page.evaluate(() => (window as unknown as Lab).phiLab.store.getState().setPhi(1));

    const medians: number[] = [];
    for (const v of ['B0', 'B1', 'B2']) {
      await expect(card(v)).toHaveAttribute('data-status', 'done', { timeout: 900_000 });
      const median = Number(await card(v).getByTestId('compare-steady-ms').textContent());
      const range = card(v).getByTestId('compare-range');
      await expect(range).toHaveText(/^\d+(\.\d)?–\d+(\.\d)?$/);
      const p25 = Number(await range.getAttribute('data-p25'));
      const p75 = Number(await range.getAttribute('data-p75'));
      expect(p25).toBeGreaterThan(0);
      expect(p25).toBeLessThanOrEqual(p75);
      expect(Math.round(p25)).toBeLessThanOrEqual(median);
      expect(Math.round(p75)).toBeGreaterThanOrEqual(median);
      await expect(card(v)).toContainText('(median of 7)');
      medians.push(median);
    }
    console.log(`compare medians (ms, 7 interleaved runs each, machine under load): B0 ${medians[0]}, B1 ${medians[1]}, B2 ${medians[2]}`);
    expect(medians[0]).toBeLessThan(medians[1]);
    expect(medians[1]).toBeLessThan(medians[2]);

    // The worker's own log: during the timed runs no other request was in flight.
    await expect(page.getByTestId('prediction')).toHaveAttribute('data-for', 'B1', { timeout: 300_000 });
    const log = await requestLog(page);
    const series = log.filter((e) => e.type === 'measure');
    expect(series).toHaveLength(1);
    const timed = series[0].timed!;
    expect(timed.end).toBeGreaterThan(timed.start);
    const beside = log.filter((e) => e !== series[0] && e.type !== 'log' && overlaps(e, timed));
    expect(beside).toEqual([]);
    expect(log.some((e) => e.type === 'prefetch')).toBe(true);
    const held = log.filter((e) => e.type === 'classify' && e.what === 'B1');
    expect(held).toHaveLength(1);
    expect(held[0].start).toBeGreaterThanOrEqual(series[0].end!);

    // Every run's time travels in the exports.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const rows = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\n');
    expect(rows[0]).toBe(
      'variant,resolution,flops,params,paper_top1,first_ms,steady_ms,steady_p25_ms,steady_p75_ms,steady_min_ms,runs_ms,top1_label,top1_prob',
    );
    for (const row of rows.slice(1)) expect(row.split(',')[10].split(';')).toHaveLength(7);
    await page.screenshot({ path: test.info().outputPath('compare-spread.png'), fullPage: true });
  });

  test('Lab: first run apart from steady, "median" only over 3+ runs, Measure latency runs a short series', async ({ page }) => {
    test.setTimeout(300_000);
    await openApp(page, '?debug=1');
    await dropFile(page, photo('fish.jpg'));
    await waitForResult(page, 'B0', 'fish.jpg');
    await expect(page.getByTestId('latency-first')).toHaveText(/^\d+/);
    await expect(page.getByTestId('latency-steady')).toHaveCount(0);
    await page.getByTestId('measure-latency').click();
    await expect(page.getByTestId('latency-steady-line')).toContainText('steady median', { timeout: 120_000 });
    await expect(page.getByTestId('latency-steady-line')).toContainText(/over [5-9] runs/);
    await expect(page.getByTestId('latency-range')).toHaveText(/^\d+(\.\d)?–\d+(\.\d)?$/);
    const log = await requestLog(page);
    const series = log.filter((e) => e.type === 'measure');
    expect(series.map((e) => e.what)).toEqual(['B0']);
    // φ 0.1 … 0.4 is still answered by B0 on the same image: nothing is sent (the requests the
    // engine would send are posted before this log request, so the log would show them).
    const classifies = log.filter((e) => e.type === 'classify').length;
    for (const phi of [0.1, 0.2, 0.3, 0.4]) await page.evaluate((p) => (window as unknown as Lab).phiLab.store.getState().setPhi(p), phi);
    expect((await requestLog(page)).filter((e) => e.type === 'classify')).toHaveLength(classifies);
    await expect(page.getByTestId('prediction')).toHaveAttribute('data-for', 'B0');
  });
});
