// The variant registry: how many official EfficientNets there are and how they are named.
// Everything that spells "B0–B7" (URL state, CLI flags, key bindings, file paths) asks here.

/** The official variants' names, B0 first. */
export const VARIANT_NAMES = ['B0', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'] as const;
export type OfficialName = (typeof VARIANT_NAMES)[number];
export const VARIANT_COUNT = VARIANT_NAMES.length;
export const LAST_VARIANT = VARIANT_COUNT - 1;

/** True for an integer index of an official variant (0…LAST_VARIANT). */
export function isVariantIndex(k: number): boolean {
  return Number.isInteger(k) && k >= 0 && k <= LAST_VARIANT;
}

/** 3 → "B3". */
export function variantName(k: number): OfficialName {
  if (!isVariantIndex(k)) throw new RangeError(`no official variant ${k}: use 0–${LAST_VARIANT}`);
  return VARIANT_NAMES[k];
}

/** "B3" → 3; with `bare`, also "b3" and "3" (CLI flags, keys). Anything else → null. */
export function parseVariantName(s: string, opts: { bare?: boolean } = {}): number | null {
  const t = opts.bare ? s.trim().toUpperCase() : s;
  const name = opts.bare && /^\d+$/.test(t) ? `B${t}` : t;
  const k = (VARIANT_NAMES as readonly string[]).indexOf(name);
  return k >= 0 ? k : null;
}
