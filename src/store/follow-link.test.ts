import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, followState, followUrl, parseUrlState } from './url-state';

describe('follow link (the presentation QR code)', () => {
  it('keeps φ, view and compared variants, drops the presentation, slide and device settings', () => {
    const teacher = {
      ...DEFAULT_STATE,
      phi: 3.4,
      view: 'compare' as const,
      compare: [0, 3, 7],
      present: true,
      slide: 5,
      backend: 'wasm' as const,
      kernels: 'tiled' as const,
    };
    const url = followUrl(teacher, 'https://lab.example', '/phi/');
    expect(url).toBe('https://lab.example/phi/?phi=3.4&view=compare&compare=B0%2CB3%2CB7');
    expect(parseUrlState(new URL(url).search).state).toEqual(followState(teacher));
  });

  it('is the bare page at the defaults, and carries the teacher’s own bases', () => {
    expect(followUrl({ ...DEFAULT_STATE, present: true, slide: 3 }, 'http://x', '/')).toBe('http://x/');
    expect(followUrl({ ...DEFAULT_STATE, phi: 1, bases: { alpha: 1.3, beta: 1.1, gamma: 1.15 } }, 'http://x', '/')).toBe('http://x/?phi=1.0&alpha=1.3');
  });
});
