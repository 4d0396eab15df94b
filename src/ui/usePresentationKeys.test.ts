import { describe, expect, it } from 'vitest';
import { SLIDE_COUNT } from '../store/deck';
import { slideForKey } from './usePresentationKeys';

describe('deck keys', () => {
  it('Space/PageDown go forward, Shift+Space/PageUp back, Home/End to the ends; other keys do not move slides', () => {
    expect(slideForKey(' ', false, 3)).toBe(4);
    expect(slideForKey('PageDown', false, 3)).toBe(4);
    expect(slideForKey(' ', true, 3)).toBe(2);
    expect(slideForKey('PageUp', false, 3)).toBe(2);
    expect(slideForKey('Home', false, 7)).toBe(1);
    expect(slideForKey('End', false, 2)).toBe(SLIDE_COUNT);
    for (const key of ['ArrowRight', 'ArrowLeft', '3', 'h', 'Escape']) expect(slideForKey(key, false, 3)).toBeNull();
  });
});
