/** One CSV writer (RFC 4180 quoting): cells with a comma, quote or line break are quoted, quotes
 *  doubled; null and undefined are empty cells. */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A header line and one line per row, each ending in a newline. */
export function toCsvText(head: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [head, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
