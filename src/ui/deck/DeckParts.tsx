/** What the slides share: a table in their type, and a key number big enough for the back row. */
import type { ReactNode } from 'react';
import { ColumnHeads } from '../TableScroll';

/** A table in the slide's type: one row of column heads, then the rows. */
export function BigTable({ cols, testId, children }: { cols: readonly string[]; testId?: string; children: ReactNode }) {
  return (
    <table className="deck-table deck-table-big" data-testid={testId}>
      <ColumnHeads cols={cols} />
      <tbody>{children}</tbody>
    </table>
  );
}

export function KeyNumber({ label, value, unit, testId }: { label: ReactNode; value: ReactNode; unit?: string; testId?: string }) {
  return (
    <div className="deck-stat">
      <span className="deck-stat-label">{label}</span>
      <span className="deck-key">
        <strong data-testid={testId}>{value}</strong>
        {unit && <span className="deck-unit"> {unit}</span>}
      </span>
    </div>
  );
}
