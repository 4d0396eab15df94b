import { expect, test } from './fixtures/test';
import { openApp, skipWithout, SYNTHETIC } from './helpers';

skipWithout(SYNTHETIC);

test('the in-app benchmark measures B0 on wasm: own vs graph and ORT-web, leaks, JSON report', async ({ page }) => {
  await openApp(page, '?view=bench&auto=1&backends=wasm&variants=B0&runs=3');
  await page.getByTestId('bench-run').click(); // a link only fills in the settings
  await expect(page.getByTestId('bench')).toBeVisible();
  const pre = page.getByTestId('bench-json');
  await expect(pre).toContainText('"medianMs"', { timeout: 240_000 });
  const report = JSON.parse((await pre.textContent())!) as {
    machine: { crossOriginIsolated: boolean; hardwareConcurrency: number | null };
    results: Record<string, number | string | null>[];
  };
  const r = report.results.find((x) => x.backend === 'wasm' && x.variant === 'B0')!;
  expect(r).toBeTruthy();
  for (const k of ['firstMs', 'medianMs', 'p95Ms', 'gflops', 'matmulGflops', 'graphMedianMs', 'ownOverGraph']) {
    expect(typeof r[k], k).toBe('number');
    expect(r[k] as number, k).toBeGreaterThan(0);
  }
  expect(r.leakedTensors).toBe(0);
  expect(r.leakedAfterSwitch).toBe(0);
  expect(r.graphMaxAbsDiff as number).toBeLessThan(1e-5);
  // ONNX Runtime Web (wasm EP, files from this origin) on the exported B0, same input.
  expect(r.ortError).toBeUndefined();
  expect(r.ortEp).toBe('wasm');
  for (const k of ['ortFirstMs', 'ortMedianMs', 'ownOverOrt']) expect(r[k] as number, k).toBeGreaterThan(0);
  expect(r.ownOverOrt as number).toBeCloseTo((r.medianMs as number) / (r.ortMedianMs as number), 6);
  expect(r.ortMaxAbsDiff as number).toBeLessThanOrEqual(1e-4);
  // Threads only where the page is cross-origin isolated (vite preview sends COOP/COEP).
  expect(r.ortThreads).toBe(report.machine.crossOriginIsolated ? Math.min(4, report.machine.hardwareConcurrency ?? 1) : 1);
});

test('random-weights mode: the benchmark builds B0 with seeded weights and requests no weights', async ({ page }) => {
  const weightRequests: string[] = [];
  page.on('request', (r) => {
    if (/model\.json|\.bin$|synthetic-models|raw\.githubusercontent/.test(r.url())) weightRequests.push(r.url());
  });
  await openApp(page, '?view=bench&auto=1&weights=random&backends=wasm&variants=B0&runs=3');
  await page.getByTestId('bench-run').click(); // a link only fills in the settings
  const pre = page.getByTestId('bench-json');
  await expect(pre).toContainText('"medianMs"', { timeout: 240_000 });
  const report = JSON.parse((await pre.textContent())!) as { results: Record<string, unknown>[] };
  const r = report.results.find((x) => x.backend === 'wasm' && x.variant === 'B0')!;
  expect(r.weights).toBe('random');
  expect(r.medianMs as number).toBeGreaterThan(0);
  expect(r.loadNetworkMs).toBeNull();
  expect(r.graphMedianMs).toBeUndefined(); // the graph model needs the converted topology
  expect(r.leakedTensors).toBe(0);
  await expect(page.getByTestId('bench-table')).toContainText('random (seeded, built here)');
  expect(weightRequests).toEqual([]);
});

test('the in-app benchmark on webgpu: own vs graph agree, the chosen kernels and pipeline counts are reported', async ({ page }) => {
  test.setTimeout(600_000);
  await openApp(page, '?view=bench&auto=1&backends=webgpu&variants=B0&runs=1');
  await page.getByTestId('bench-run').click(); // a link only fills in the settings
  const pre = page.getByTestId('bench-json');
  await expect(pre).toContainText('"medianMs"', { timeout: 540_000 });
  const report = JSON.parse((await pre.textContent())!) as { results: Record<string, unknown>[] };
  const r = report.results.find((x) => x.backend === 'webgpu' && x.variant === 'B0')!;
  expect(r.graphMaxAbsDiff as number).toBeLessThan(1e-5);
  expect(r.ownOverGraph as number).toBeGreaterThan(0);
  // ONNX Runtime Web's own WebGPU EP on the exported B0, same input: it runs and agrees.
  expect(r.ortError).toBeUndefined();
  expect(r.ortEp).toBe('webgpu');
  expect(r.ortMaxAbsDiff as number).toBeLessThanOrEqual(1e-4);
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
