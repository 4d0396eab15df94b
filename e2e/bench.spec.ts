import { expect, test } from './fixtures/test';
import { HAS_SHARED, SKIP_NO_SHARED, openApp } from './helpers';

test.skip(!HAS_SHARED, SKIP_NO_SHARED);

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

test('the in-app benchmark on webgpu: own vs graph agree, the chosen kernels and pipeline counts are reported', async ({ page }) => {
  test.setTimeout(600_000);
  await openApp(page, '?view=bench&auto=1&backends=webgpu&variants=B0&runs=1');
  const pre = page.getByTestId('bench-json');
  await expect(pre).toContainText('"medianMs"', { timeout: 540_000 });
  const report = JSON.parse((await pre.textContent())!) as { results: Record<string, unknown>[] };
  const r = report.results.find((x) => x.backend === 'webgpu' && x.variant === 'B0')!;
  expect(r.graphMaxAbsDiff as number).toBeLessThan(1e-5);
  expect(r.ownOverGraph as number).toBeGreaterThan(0);
  const kernels = r.kernels as { mode: string; plan: Record<string, string>; adapter: string };
  expect(kernels.mode).toBe('auto');
  expect(Object.keys(kernels.plan).sort()).toEqual(['dense', 'depthwise', 'pointwise', 'pool']);
  const pipelines = r.pipelines as { own: number; total: number };
  // Sizes are uniforms: B0's 16 blocks share a handful of own pipelines.
  expect(pipelines.own).toBeGreaterThan(3);
  expect(pipelines.own).toBeLessThan(20);
  expect(pipelines.total).toBeGreaterThanOrEqual(pipelines.own);
  await expect(page.getByTestId('bench-table')).toContainText(/auto: pointwise \w+/);
});
