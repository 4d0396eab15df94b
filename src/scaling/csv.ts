/** The one CSV writer (RFC 4180 quoting) for every table the app exports: Compare, the bench,
 *  Evaluate. Pure; lives in the lowest layer so every layer above may use it. */

/** A field: null/undefined empty, objects as JSON, quoted when it holds a comma, quote or newline. */
export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean | bigint | symbol);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A header line and one line per row, each line ending in \n. */
export function csvText(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [head, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
