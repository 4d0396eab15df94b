import type { KernelParityReport } from '../src/model/kernels/parity';
import { CANDIDATES, KERNEL_CLASSES } from '../src/model/kernels/plan';
import { expect, test, type Page } from './fixtures/test';
import { openApp, skipWithout, SYNTHETIC } from './helpers';

// Every WebGPU kernel path (barrier-free, tiled, stock ops through the dispatch, two mixed plans and the
// tuner's pick) against the plain stock pass, same backend, weights and input, in the worker.
skipWithout(SYNTHETIC);
test.setTimeout(600_000);

async function parity(page: Page, job: { variant: number; resolution?: number; batch: number; rows?: string[] }): Promise<KernelParityReport> {
  await openApp(page, '?backend=webgpu&debug=1');
  await expect(page.getByTestId('backend')).toHaveText('webgpu');
  const report = await page.evaluate(
    (j) => (window as unknown as { phiLab: { kernelParity: (j: unknown) => Promise<KernelParityReport> } }).phiLab.kernelParity(j),
    job,
  );
  console.log(
    `${report.network} ${report.resolution}px ×${report.batch}: ` +
      report.rows.map((r) => `${r.name} Δlogit/max ${r.logitRel.toExponential(1)} Δp ${r.probAbs.toExponential(1)}`).join('; '),
  );
  return report;
}

function expectAllClose(report: KernelParityReport, all = true) {
  expect(report.rows.map((r) => r.name)).toEqual(all ? ['barrier-free', 'tiled', 'stock', 'mixed-a', 'mixed-b', 'auto'] : ['barrier-free', 'tiled', 'auto']);
  expect(report.maxAbsLogit).toBeGreaterThan(1);
  for (const r of report.rows) {
    expect(r.logitRel, `${r.name} logits`).toBeLessThanOrEqual(1e-5);
    expect(r.probAbs, `${r.name} probabilities`).toBeLessThanOrEqual(1e-5);
  }
  // Between them the plans put every class on every candidate.
  for (const c of KERNEL_CLASSES) {
    for (const choice of all ? CANDIDATES[c] : [])
      expect(
        report.rows.some((r) => r.plan[c] === choice),
        `${c} ${choice}`,
      ).toBe(true);
  }
  // The tuner timed candidates within its budget and its plan is what ran as "auto".
  expect(report.tuned?.mode).toBe('auto');
  expect(report.tuned?.timings.pointwise?.['barrier-free']).toBeGreaterThan(0);
  expect(report.rows.at(-1)!.plan).toEqual(report.tuned!.plan);
}

// SwiftShader is slow: B0 at full size runs the whole-network paths, the odd-size batch-2 B1 below
// also the mixed plans.
test('B0 at 224, batch 1: barrier-free, tiled and the tuned plan match stock ops (SE layers with 6 channels included)', async ({ page }) => {
  const report = await parity(page, { variant: 0, batch: 1, rows: ['barrier-free', 'tiled', 'auto'] });
  expect(report.resolution).toBe(224);
  // B0's squeeze-excite convs have 4, 6, 10 … channels: the scalar paths run too.
  expect(report.oddChannelLayers).toBeGreaterThan(0);
  expectAllClose(report, false);
});

test('B1 at an odd size (97: stride 2 on odd inputs), batch 2: every kernel path matches stock ops', async ({ page }) => {
  const report = await parity(page, { variant: 1, resolution: 97, batch: 2 });
  expect([report.network, report.resolution, report.batch]).toEqual(['B1', 97, 2]);
  expectAllClose(report);
});

test('with ?kernels=auto the status line says the kernels were tuned for this adapter; ?kernels=stock skips tuning', async ({ page, context }) => {
  // Both pages in the test's own context, so the CSP-violation fixture watches them too.
  await openApp(page, '?backend=webgpu&kernels=auto');
  await expect(page.getByTestId('backend-reason')).toContainText(/kernels tuned for \S+/, { timeout: 300_000 });
  const stock = await context.newPage();
  await openApp(stock, '?backend=webgpu&kernels=stock');
  await expect(stock.getByTestId('prediction')).toHaveAttribute('data-for', 'B0', { timeout: 300_000 });
  await expect(stock.getByTestId('backend-reason')).not.toContainText('kernels tuned');
});
