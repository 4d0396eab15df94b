import { describe, expect, it } from 'vitest';
import { SLIDE_COUNT } from './deck';
import { DEFAULT_STATE, parseUrlState, serializeUrlState } from './url-state';

describe('URL state', () => {
  it('round-trips every shareable field', () => {
    const s = {
      phi: 2.5,
      view: 'compare' as const,
      compare: [0, 3, 7],
      evaluate: [1, 3],
      backend: 'wasm' as const,
      models: 'https://example.org/models/',
      present: true,
      slide: 4,
      formula: true,
      weights: 'random' as const,
      bases: { alpha: 1.3, beta: 1.05, gamma: 1.2 },
      kernels: 'tiled' as const,
    };
    const back = parseUrlState(serializeUrlState(s));
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual(s);
  });

  it('takes ?eval= as 1–3 variants like ?compare=, with a notice for the rest', () => {
    expect(parseUrlState('?view=evaluate&eval=b3,B0').state).toMatchObject({ view: 'evaluate', evaluate: [0, 3] });
    expect(serializeUrlState({ ...DEFAULT_STATE, view: 'evaluate', evaluate: [2] })).toBe('?view=evaluate&eval=B2');
    const many = parseUrlState('?eval=B0,B1,B2,B3');
    expect(many.state.evaluate).toEqual([0, 1, 2]);
    expect(many.notices).toEqual(['Ignored part of eval "B0,B1,B2,B3": pick 1–3 of B0–B7']);
    expect(parseUrlState('?eval=B9').state.evaluate).toEqual([0, 1]);
  });

  it('takes ?kernels= as one of auto, barrier-free, tiled, stock (fused: barrier-free)', () => {
    expect(parseUrlState('?kernels=stock').state.kernels).toBe('stock');
    expect(parseUrlState('?kernels=fused').state.kernels).toBe('barrier-free');
    const bad = parseUrlState('?kernels=fast');
    expect(bad.state.kernels).toBeNull();
    expect(bad.notices).toEqual(['Ignored kernels "fast": use one of auto, barrier-free, tiled, stock']);
  });

  it('weights=random is the only weights choice; anything else is ignored with a notice', () => {
    expect(serializeUrlState({ ...DEFAULT_STATE, weights: 'random' })).toBe('?weights=random');
    expect(parseUrlState('?weights=random').state.weights).toBe('random');
    const { state, notices } = parseUrlState('?weights=real');
    expect(state.weights).toBeNull();
    expect(notices).toEqual(['Ignored weights "real": the only choice is weights=random']);
  });

  it('own α/β/γ: only changed bases go in the link; out-of-range ones are ignored with a notice', () => {
    expect(serializeUrlState({ ...DEFAULT_STATE, bases: { alpha: 1.4, beta: 1.1, gamma: 1.15 } })).toBe('?alpha=1.4');
    const { state, notices } = parseUrlState('?alpha=3&beta=x&gamma=1.25');
    expect(state.bases).toEqual({ alpha: 1.2, beta: 1.1, gamma: 1.25 });
    expect(notices).toEqual(['Ignored alpha "3": alpha must lie between 1 and 2 (the paper requires ≥ 1)', 'Ignored beta "x": beta must be a number']);
  });

  it('?slide= opens a deck slide: written only while presenting, clamped to the deck', () => {
    expect(serializeUrlState({ ...DEFAULT_STATE, present: true, slide: 4 })).toBe('?present=1&slide=4');
    expect(serializeUrlState({ ...DEFAULT_STATE, slide: 4 })).toBe('');
    expect(parseUrlState('?present=1&slide=3').state.slide).toBe(3);
    const high = parseUrlState(`?present=1&slide=99`);
    expect(high.state.slide).toBe(SLIDE_COUNT);
    expect(high.notices).toEqual([`Slide 99 is outside 1–${SLIDE_COUNT}; showing ${SLIDE_COUNT}`]);
    const bad = parseUrlState('?slide=two');
    expect(bad.state.slide).toBe(1);
    expect(bad.notices).toEqual(['Ignored slide "two": not a whole number']);
  });

  it('leaves defaults out of the link', () => {
    expect(serializeUrlState(DEFAULT_STATE)).toBe('');
    expect(serializeUrlState({ ...DEFAULT_STATE, phi: 1 })).toBe('?phi=1.0');
  });

  it('clamps φ and ignores invalid values with a notice', () => {
    const { state, notices } = parseUrlState('?phi=12&backend=cuda&models=javascript:alert(1)&view=admin&compare=B9');
    expect(state.phi).toBe(7);
    expect(state.backend).toBeNull();
    expect(state.models).toBeNull();
    expect(state.view).toBe('lab');
    expect(state.compare).toEqual([0, 1]);
    expect(notices).toHaveLength(5);
    expect(notices.join('\n')).toMatch(/clamped to 7/);
    expect(notices.join('\n')).toMatch(/only http\(s\) URLs/);
  });

  it('rejects a non-numeric φ and rounds to the slider step', () => {
    expect(parseUrlState('?phi=abc').state.phi).toBe(0);
    expect(parseUrlState('?phi=abc').notices[0]).toMatch(/not a number/);
    expect(parseUrlState('?phi=-3').state.phi).toBe(0);
    expect(parseUrlState('?phi=1.26').state.phi).toBe(1.3);
  });
});
