/** "Export ONNX" downloads the current network: B0 with its (synthetic) converted weights as a
 *  file onnxruntime-web loads and runs, and a formula network at φ 0.5 with the interface and
 *  node counts its config implies. B0 is exported from a WebGPU session (the weights read back
 *  from the GPU) and its answer compared with the app's; the formula network uses wasm (faster):
 *  that one is about the file. */
import { expect, test, type Page } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { expectedOpCounts, ortProbabilities, ortSession, summarizeOnnx } from '../src/model/test-support/onnx-node';
import { testPattern } from '../src/model/preprocess';
import { formulaNetwork, officialNetwork } from '../src/scaling';
import { openApp, waitForResult, skipWithout, SYNTHETIC } from './helpers';

skipWithout(SYNTHETIC);

async function exportOnnx(page: Page): Promise<{ name: string; bytes: Uint8Array }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.getByTestId('export-onnx').click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

/** The lab's shown result (?debug=1): its top 5 and its class activation map. */
async function shownResult(page: Page): Promise<{ top5: { index: number; prob: number }[]; cam: { width: number; height: number; data: number[] } }> {
  return page.evaluate(() => {
    type Shown = { top5: { index: number; prob: number }[]; cam: { width: number; height: number; data: Float32Array } };
    const r = (window as unknown as { phiLab: { store: { getState(): { result: Shown } } } }).phiLab.store.getState().result;
    return { top5: r.top5.map((p) => ({ index: p.index, prob: p.prob })), cam: { width: r.cam.width, height: r.cam.height, data: Array.from(r.cam.data) } };
  });
}

test('B0 from a WebGPU session: a valid ONNX file that answers like the app; the CAM matches wasm', async ({ page }) => {
  test.setTimeout(600_000); // one B0 on SwiftShader's WebGPU, one on wasm
  await openApp(page, '?phi=0&debug=1');
  await expect(page.getByTestId('backend')).toContainText('webgpu');
  await waitForResult(page, 'B0');
  const onGpu = await shownResult(page); // the test pattern (no image given)
  const file = await exportOnnx(page);
  expect(file.name).toBe('effnet-B0.onnx');
  await expect(page.getByTestId('export-onnx-status')).toContainText('effnet-B0.onnx');
  const s = summarizeOnnx(file.bytes);
  expect(s.inputs).toEqual([{ name: 'input', dims: ['batch', 224, 224, 3] }]);
  expect(s.outputs).toEqual([{ name: 'probabilities', dims: ['batch', 1000] }]);
  expect(s.opset).toBe(17);
  expect(s.opCounts).toEqual(expectedOpCounts(officialNetwork(0)));
  expect(s.opCounts.Conv).toBe(81);

  const session = await ortSession(file.bytes);
  const probs = await ortProbabilities(session, testPattern(224), 224);
  await session.release();
  expect(probs.length).toBe(1000);
  expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  // The file's answer on the app's input is the app's own (its top 5, to 1e-4).
  const ortTop5 = Array.from(probs.keys())
    .sort((a, b) => probs[b] - probs[a])
    .slice(0, 5);
  expect(onGpu.top5.map((p) => p.index)).toEqual(ortTop5);
  for (const p of onGpu.top5) expect(Math.abs(p.prob - probs[p.index]), `class ${p.index}`).toBeLessThanOrEqual(1e-4);

  // The CAM on the WebGPU own-kernel path equals the wasm CAM (relative to its largest value).
  await openApp(page, '?phi=0&debug=1&backend=wasm');
  await waitForResult(page, 'B0');
  const onWasm = await shownResult(page);
  expect(onWasm.top5[0].index).toBe(onGpu.top5[0].index);
  expect([onWasm.cam.width, onWasm.cam.height]).toEqual([7, 7]);
  expect([onGpu.cam.width, onGpu.cam.height]).toEqual([7, 7]);
  const scale = Math.max(...onWasm.cam.data.map(Math.abs));
  expect(scale).toBeGreaterThan(0);
  const worst = Math.max(...onWasm.cam.data.map((v, i) => Math.abs(v - onGpu.cam.data[i])));
  expect(worst / scale).toBeLessThanOrEqual(1e-4);
});

test('a formula network between variants exports as effnet-phi0.50.onnx', async ({ page }) => {
  await openApp(page, '?phi=0.5&backend=wasm');
  const file = await exportOnnx(page);
  expect(file.name).toBe('effnet-phi0.50.onnx');
  const config = formulaNetwork(0.5);
  const s = summarizeOnnx(file.bytes);
  expect(s.inputs).toEqual([{ name: 'input', dims: ['batch', config.resolution, config.resolution, 3] }]);
  expect(s.outputs).toEqual([{ name: 'probabilities', dims: ['batch', 1000] }]);
  expect(s.opCounts).toEqual(expectedOpCounts(config));
  // φ 0.5 is deeper than B0: the file describes the formula network, not the nearest variant.
  expect(s.opCounts.Conv).toBeGreaterThan(expectedOpCounts(officialNetwork(0)).Conv);
});
