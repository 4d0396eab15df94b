import { describe, expect, it } from 'vitest';
import { explainError, isOutOfMemory } from './backend';

describe('plain error messages', () => {
  it('turn allocation failures into an out-of-memory message that suggests a smaller φ', () => {
    for (const raw of ['Array buffer allocation failed', 'WebGPU: out of memory', 'Failed to allocate buffer', 'RuntimeError: memory access out of bounds']) {
      expect(isOutOfMemory(new Error(raw))).toBe(true);
      const msg = explainError(new Error(raw), 'B7');
      expect(msg).toMatch(/^Out of memory while running B7\. Try a smaller φ/);
      expect(msg).toContain(raw);
    }
  });
  it('explain a lost device and pass other errors through unchanged', () => {
    expect(explainError(new Error('Device is lost'), 'B1')).toMatch(/GPU device was lost while running B1/);
    expect(explainError(new Error('Shard x is 3 bytes'), 'B0')).toBe('Shard x is 3 bytes');
    expect(isOutOfMemory('404')).toBe(false);
  });
});
