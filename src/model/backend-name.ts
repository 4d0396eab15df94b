/** The tfjs backends the lab knows, in fallback order. Pure (no tfjs import), so the UI thread
 *  can validate a `?backend=` value without pulling tfjs into its bundle. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export function isBackendName(v: unknown): v is BackendName {
  return typeof v === 'string' && (BACKENDS as readonly string[]).includes(v);
}
