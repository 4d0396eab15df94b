/** Presentation mode keyboard, from anywhere on the page (a clicker sends PageUp/PageDown):
 *  Space/PageDown next slide, Shift+Space/PageUp previous, Home/End first and last; ←/→ (↑/↓)
 *  step φ, digits jump to B0–B7, "h" hides the controls, Escape leaves the mode. */
import { useEffect } from 'react';
import { parseVariantName } from '../scaling';
import { SLIDE_COUNT } from '../store/deck';
import { useEngine } from './engine-context';

const PHI_STEP: Record<string, number> = { ArrowRight: 0.1, ArrowUp: 0.1, ArrowLeft: -0.1, ArrowDown: -0.1 };

/** The slide a key goes to from `slide`, or null when the key does not move slides. */
export function slideForKey(key: string, shift: boolean, slide: number): number | null {
  if (key === 'PageDown' || (key === ' ' && !shift)) return slide + 1;
  if (key === 'PageUp' || (key === ' ' && shift)) return slide - 1;
  if (key === 'Home') return 1;
  if (key === 'End') return SLIDE_COUNT;
  return null;
}

/** Keys typed into a field (or Space on a focused button) belong to it, not to the deck. */
function ownsKey(t: HTMLElement | null, key: string): boolean {
  if (!t) return false;
  if (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable) return true;
  return key === ' ' && t.tagName === 'BUTTON';
}

export function usePresentationKeys(present: boolean, onToggleControls: () => void): void {
  const { store } = useEngine();
  useEffect(() => {
    if (!present) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || ownsKey(e.target as HTMLElement | null, e.key)) return;
      const { phi, slide, setPhi, setSlide, setPresent } = store.getState();
      const to = slideForKey(e.key, e.shiftKey, slide);
      const variant = /^\d$/.test(e.key) ? parseVariantName(e.key, { bare: true }) : null;
      if (to !== null) setSlide(to);
      else if (e.key in PHI_STEP) setPhi(phi + PHI_STEP[e.key]);
      else if (variant !== null) setPhi(variant);
      else if (e.key === 'h' || e.key === 'H') onToggleControls();
      else if (e.key === 'Escape') setPresent(false);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [present, onToggleControls, store]);
}
