/** Shared pickers: a row of buttons (the view tabs), the B0–B7 toggles, and a select of fixed options, typed. */
import type { ReactNode, SelectHTMLAttributes } from 'react';
import { OFFICIAL_VARIANTS } from '../scaling';

interface PickButtonsProps<T> {
  items: readonly T[];
  /** Each button's data-testid, also its React key. */
  testId: (item: T) => string;
  label: (item: T) => ReactNode;
  on: (item: T) => boolean;
  onPick: (item: T) => void;
  disabled?: (item: T) => boolean;
  title?: (item: T) => string | undefined;
  /** 'pressed': a toggle (aria-pressed); 'page': navigation, the one on show is aria-current. */
  state?: 'pressed' | 'page';
}

export function PickButtons<T>({ items, testId, label, on, onPick, disabled, title, state = 'pressed' }: PickButtonsProps<T>) {
  return items.map((item) => (
    <button
      key={testId(item)}
      type="button"
      data-testid={testId(item)}
      aria-pressed={state === 'pressed' ? on(item) : undefined}
      aria-current={state === 'page' && on(item) ? 'page' : undefined}
      disabled={disabled?.(item)}
      title={title?.(item)}
      onClick={() => onPick(item)}
    >
      {label(item)}
    </button>
  ));
}

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
        <PickButtons
          items={OFFICIAL_VARIANTS}
          testId={(v) => `${testIdPrefix}${v.name}`}
          label={(v) => v.name}
          on={picked}
          onPick={(v) => onPick(v.index)}
          disabled={(v) => disabled(picked(v))}
          title={title && ((v) => title(picked(v)))}
        />
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
