/** The φ slider with B0–B7 ticks (PageUp/PageDown step one variant), in the side panel and on the deck. */
import type { KeyboardEvent } from 'react';
import { MAX_PHI, MIN_PHI, OFFICIAL_VARIANTS } from '../scaling';
import { useAppPick } from './use-app';
import { fmtPhi } from './format';
import { phiReadout, sliderValueText } from './readouts';

export function PhiSlider() {
  const { phi, setPhi } = useAppPick('phi', 'setPhi');
  const r = phiReadout(phi);

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // Native range inputs step PageUp/PageDown by 10% of the range; the lab wants whole variants.
    if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      setPhi(phi + (e.key === 'PageUp' ? 1 : -1));
    }
  };

  return (
    <div className="phi-control">
      <label htmlFor="phi" className="phi-label">
        Scaling coefficient φ <output data-testid="phi-value">{fmtPhi(phi)}</output>
      </label>
      <input
        id="phi"
        data-testid="phi-slider"
        type="range"
        min={MIN_PHI}
        max={MAX_PHI}
        step={0.1}
        value={phi}
        list="phi-ticks"
        aria-valuetext={sliderValueText(phi)}
        onChange={(e) => setPhi(Number(e.currentTarget.value))}
        onKeyDown={onKey}
      />
      <datalist id="phi-ticks">
        {OFFICIAL_VARIANTS.map((v) => (
          <option key={v.name} value={v.index} label={v.name} />
        ))}
      </datalist>
      <div className="ticks" aria-hidden="true">
        {OFFICIAL_VARIANTS.map((v) => (
          <button key={v.name} type="button" tabIndex={-1} className={r.atOfficial && r.variant === v.index ? 'on' : ''} onClick={() => setPhi(v.index)}>
            {v.name}
          </button>
        ))}
      </div>
    </div>
  );
}
