/** "Export ONNX" downloads the current network: B0 with its (synthetic) converted weights as a
 *  file onnxruntime-web loads and runs, and a formula network at φ 0.5 with the interface and
 *  node counts its config implies. The wasm backend saves time: this is about the file. */
import { expect, test, type Page } from './fixtures/test';
import { readFileSync } from 'node:fs';
import { expectedOpCounts, ortProbabilities, ortSession, summarizeOnnx } from '../src/model/test-support/onnx-node';
import { formulaNetwork, officialNetwork } from '../src/scaling';
import { HAS_FIXTURES, SKIP_NO_FIXTURES, openApp, waitForResult } from './helpers';

test.skip(!HAS_FIXTURES, SKIP_NO_FIXTURES);

async function exportOnnx(page: Page): Promise<{ name: string; bytes: Uint8Array }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.getByTestId('export-onnx').click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

test('B0: the download is a valid ONNX model that onnxruntime-web runs', async ({ page }) => {
  await openApp(page, '?phi=0&backend=wasm');
  await waitForResult(page, 'B0');
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
  const probs = await ortProbabilities(session, new Float32Array(224 * 224 * 3).fill(0.5), 224);
  await session.release();
  expect(probs.length).toBe(1000);
  expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  expect(Math.min(...probs)).toBeGreaterThan(0);
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
