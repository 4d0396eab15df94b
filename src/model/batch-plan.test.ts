import { describe, expect, it } from 'vitest';
import { officialNetwork } from '../scaling';
import { activationBytesPerImage, BATCH_CAP, planBatch, planBatchFor } from './batch-plan';

describe('batch planner', () => {
  it('sizes one image by its largest activations (B0: 112² × 96 floats, three alive)', () => {
    // B0's stage 2 expands 16 → 96 channels at 112 px: the largest map.
    expect(activationBytesPerImage(officialNetwork(0))).toBe(4 * (3 * 112 * 112 * 96 + 224 * 224 * 3));
    expect(activationBytesPerImage(officialNetwork(7))).toBeGreaterThan(activationBytesPerImage(officialNetwork(0)) * 5);
  });

  it('takes the backend cap when memory allows', () => {
    const b0 = officialNetwork(0);
    expect(planBatch({ config: b0, backend: 'webgpu', deviceGiB: 8, images: 1000 })).toEqual({ batch: 16, reason: 'webgpu cap 16' });
    expect(planBatch({ config: b0, backend: 'wasm', deviceGiB: 8, images: 1000 }).batch).toBe(BATCH_CAP.wasm);
    expect(planBatch({ config: b0, backend: 'cpu', deviceGiB: 8, images: 1000 }).batch).toBe(2);
  });

  it('shrinks to the memory budget (1/16 of the device memory, 4 GiB when unknown)', () => {
    const b7 = officialNetwork(7);
    const per = activationBytesPerImage(b7);
    const plan = planBatch({ config: b7, backend: 'webgpu', deviceGiB: 2, images: 1000 });
    expect(plan.batch).toBe(Math.max(1, Math.floor((2 * 2 ** 30) / 16 / per)));
    expect(plan.batch).toBeLessThan(16);
    expect(plan.reason).toMatch(/^memory: 128 MiB budget \/ \d+ MiB per image$/);
    expect(planBatch({ config: b7, backend: 'webgpu', deviceGiB: null, images: 1000 }).batch).toBe(Math.max(1, Math.floor(2 ** 28 / per)));
    expect(planBatch({ config: b7, backend: 'webgpu', deviceGiB: 0.25, images: 1000 }).batch).toBe(1);
  });

  it('never exceeds the images there are, and several networks share the smallest plan', () => {
    expect(planBatch({ config: officialNetwork(0), backend: 'webgpu', deviceGiB: 8, images: 3 })).toEqual({ batch: 3, reason: 'all 3 images' });
    const both = planBatchFor([officialNetwork(0), officialNetwork(7)], { backend: 'webgpu', deviceGiB: 2, images: 1000 });
    expect(both).toEqual(planBatch({ config: officialNetwork(7), backend: 'webgpu', deviceGiB: 2, images: 1000 }));
  });
});
