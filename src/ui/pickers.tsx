/** Shared pickers: the B0–B7 toggles, a select of fixed options, typed, and the sample photos' count. */
import type { ReactNode, SelectHTMLAttributes } from 'react';
import { OFFICIAL_VARIANTS } from '../scaling';
import { SAMPLE_SIZES } from '../model/imagenet-sample-sizes';

interface VariantPicksProps {
  legend: ReactNode;
  groupLabel: string;
  /** A variant's button is `${testIdPrefix}B3`. */
  testIdPrefix: string;
  picks: readonly number[];
  onPick: (k: number) => void;
  /** Whether a variant's button is disabled, and its tooltip, from whether it is picked. */
  disabled: (picked: boolean) => boolean;
  title?: (picked: boolean) => string | undefined;
  /** More pick buttons after B0…B7's, in the same group. */
  children?: ReactNode;
  /** Below the group (a hint). */
  after?: ReactNode;
}

/** B0…B7 as toggles, pressed when picked, in a fieldset of their own. */
export function VariantPicks({ legend, groupLabel, testIdPrefix, picks, onPick, disabled, title, children, after }: VariantPicksProps) {
  const picked = (v: { index: number }) => picks.includes(v.index);
  return (
    <fieldset className="compare-picker">
      <legend>{legend}</legend>
      <div className="compare-picks" role="group" aria-label={groupLabel}>
        {OFFICIAL_VARIANTS.map((v) => (
          <button
            key={v.name}
            type="button"
            data-testid={`${testIdPrefix}${v.name}`}
            aria-pressed={picked(v)}
            disabled={disabled(picked(v))}
            title={title?.(picked(v))}
            onClick={() => onPick(v.index)}
          >
            {v.name}
          </button>
        ))}
        {children}
      </div>
      {after}
    </fieldset>
  );
}

type OptionSelectProps<T extends string | number> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  /** An option's text; its value by default. */
  label?: (option: T) => string;
};

export function OptionSelect<T extends string | number>({ options, value, onChange, label = String, ...select }: OptionSelectProps<T>) {
  return (
    <select {...select} value={value} onChange={(e) => onChange(options.find((o) => String(o) === e.target.value) ?? value)}>
      {options.map((o) => (
        <option key={o} value={o}>
          {label(o)}
        </option>
      ))}
    </select>
  );
}

/** How many ImageNet sample photos: Evaluate's sample run, and the photos the Prepare panel keeps. */
export const PhotoCountSelect = (props: Omit<OptionSelectProps<number>, 'options' | 'label'>) => (
  <OptionSelect {...props} options={SAMPLE_SIZES} label={(n) => `${n} photos`} />
);
