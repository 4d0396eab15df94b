import { afterEach, describe, expect, it, vi } from 'vitest';
import { officialNetwork } from '../scaling';
import { activationBytesPerImage, BATCH_CAP, planBatch, planBatchFor } from './batch-plan';

/** The device's memory as the planner reads it (navigator.deviceMemory, GiB); null: the device does not say. */
const withMemory = (gib: number | null) => vi.stubGlobal('navigator', gib === null ? {} : { deviceMemory: gib });

describe('batch planner', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sizes one image by its largest activations (B0: 112² × 96 floats, three alive)', () => {
    // B0's stage 2 expands 16 → 96 channels at 112 px: the largest map.
    expect(activationBytesPerImage(officialNetwork(0))).toBe(4 * (3 * 112 * 112 * 96 + 224 * 224 * 3));
    expect(activationBytesPerImage(officialNetwork(7))).toBeGreaterThan(activationBytesPerImage(officialNetwork(0)) * 5);
  });

  it('takes the backend cap when memory allows', () => {
    const b0 = officialNetwork(0);
    withMemory(8);
    expect(planBatch({ config: b0, backend: 'webgpu', images: 1000 })).toEqual({ batch: 16, reason: 'webgpu cap 16' });
    expect(planBatch({ config: b0, backend: 'wasm', images: 1000 }).batch).toBe(BATCH_CAP.wasm);
    expect(planBatch({ config: b0, backend: 'cpu', images: 1000 }).batch).toBe(2);
  });

  it('shrinks to the memory budget (1/16 of the device memory, 4 GiB when unknown)', () => {
    const b7 = officialNetwork(7);
    const per = activationBytesPerImage(b7);
    withMemory(2);
    const plan = planBatch({ config: b7, backend: 'webgpu', images: 1000 });
    expect(plan.batch).toBe(Math.max(1, Math.floor((2 * 2 ** 30) / 16 / per)));
    expect(plan.batch).toBeLessThan(16);
    expect(plan.reason).toMatch(/^memory: 128 MiB budget \/ \d+ MiB per image$/);
    withMemory(null);
    expect(planBatch({ config: b7, backend: 'webgpu', images: 1000 }).batch).toBe(Math.max(1, Math.floor(2 ** 28 / per)));
    withMemory(0.25);
    expect(planBatch({ config: b7, backend: 'webgpu', images: 1000 }).batch).toBe(1);
  });

  it('never exceeds the images there are, and several networks share the smallest plan', () => {
    withMemory(8);
    expect(planBatch({ config: officialNetwork(0), backend: 'webgpu', images: 3 })).toEqual({ batch: 3, reason: 'all 3 images' });
    withMemory(2);
    const both = planBatchFor([officialNetwork(0), officialNetwork(7)], { backend: 'webgpu', images: 1000 });
    expect(both).toEqual(planBatch({ config: officialNetwork(7), backend: 'webgpu', images: 1000 }));
  });
});
