import { expect, test } from './fixtures/test';
import { HAS_FIXTURES, SKIP_NO_FIXTURES, openApp } from './helpers';

test.skip(!HAS_FIXTURES, SKIP_NO_FIXTURES);

test('the in-app benchmark measures B0 on wasm: own vs graph, leaks, JSON report', async ({ page }) => {
  await openApp(page, '?view=bench&auto=1&backends=wasm&variants=B0&runs=3');
  await expect(page.getByTestId('bench')).toBeVisible();
  const pre = page.getByTestId('bench-json');
  await expect(pre).toContainText('"medianMs"', { timeout: 240_000 });
  const report = JSON.parse((await pre.textContent())!) as { results: Record<string, number | string | null>[] };
  const r = report.results.find((x) => x.backend === 'wasm' && x.variant === 'B0')!;
  expect(r).toBeTruthy();
  for (const k of ['firstMs', 'medianMs', 'p95Ms', 'gflops', 'matmulGflops', 'graphMedianMs', 'ownOverGraph']) {
    expect(typeof r[k], k).toBe('number');
    expect(r[k] as number, k).toBeGreaterThan(0);
  }
  expect(r.leakedTensors).toBe(0);
  expect(r.leakedAfterSwitch).toBe(0);
  expect(r.graphMaxAbsDiff as number).toBeLessThan(1e-5);
});
