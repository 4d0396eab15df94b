// Seeded pseudo-random numbers and per-tensor seeds for the synthetic initialisation
// (synthetic-init.ts): identical on every platform, so a seed names one network everywhere.

/** mulberry32: a tiny, fast 32-bit generator; uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded pseudo-random source: mulberry32 uniforms, Box–Muller normals. */
export function createRng(seed: number) {
  const uniform = mulberry32(seed);
  let spare = 0;
  let hasSpare = false;
  return {
    /** Uniform in [0, 1). */
    next: uniform,
    /** Standard normal N(0, 1) (Box–Muller, both values of each pair used). */
    normal(): number {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      // 1 - u is in (0, 1]: log never sees 0.
      const r = Math.sqrt(-2 * Math.log(1 - uniform()));
      const theta = 2 * Math.PI * uniform();
      spare = r * Math.sin(theta);
      hasSpare = true;
      return r * Math.cos(theta);
    },
  };
}

export type Rng = ReturnType<typeof createRng>;

/** 32-bit FNV-1a hash of a string (UTF-16 code units). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Per-tensor seed from the model seed and the tensor's name (stable when tensors are reordered);
 *  the same (seed, key) gives the same seed on every platform. */
export function deriveSeed(modelSeed: number, key: string): number {
  return fmix32((fmix32(modelSeed >>> 0) + Math.imul(hashString(key), 0x9e3779b1)) >>> 0);
}
