/** Presentation mode keyboard: step φ from anywhere on the page (a clicker's arrows and PageUp/
 *  PageDown), digits jump to B0–B7, "h" hides the controls, Escape leaves the mode. */
import { useEffect } from 'react';
import { parseVariantName } from '../scaling';
import { useLab } from '../store/lab-store';

export function usePresentationKeys(onToggleControls: () => void): void {
  const present = useLab((s) => s.present);
  useEffect(() => {
    if (!present) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      const { phi, setPhi, setPresent } = useLab.getState();
      const step: Record<string, number> = { ArrowRight: 0.1, ArrowUp: 0.1, ArrowLeft: -0.1, ArrowDown: -0.1, PageUp: 1, PageDown: -1 };
      const variant = /^\d$/.test(e.key) ? parseVariantName(e.key, { bare: true }) : null;
      if (e.key in step) setPhi(phi + step[e.key]);
      else if (variant !== null) setPhi(variant);
      else if (e.key === 'h' || e.key === 'H') onToggleControls();
      else if (e.key === 'Escape') setPresent(false);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [present, onToggleControls]);
}
