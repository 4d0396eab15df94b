/** The tfjs backends the lab knows, in fallback order. Pure (no tfjs import), so the UI thread
 *  can validate a `?backend=` value without pulling tfjs into its bundle. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export function isBackendName(v: unknown): v is BackendName {
  return typeof v === 'string' && (BACKENDS as readonly string[]).includes(v);
}
