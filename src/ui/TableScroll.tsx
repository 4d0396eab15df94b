/** A wide table that scrolls sideways by itself on narrow screens (never the page), focusable for the keyboard. */
import type { ReactNode } from 'react';

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

interface ScrollTableProps {
  label: string;
  heads: readonly ReactNode[];
  scoped?: boolean;
  caption?: ReactNode;
  /** The table element's class and test id. */
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** The usual table in a TableScroll: an optional caption, one row of column heads, the rows. */
export function ScrollTable({ label, heads, scoped = false, caption, className, testId, children }: ScrollTableProps) {
  return (
    <TableScroll label={label}>
      <table className={className} data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        <ColumnHeads cols={heads} scoped={scoped} />
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}

/** One row of column heads; scope="col" where the table's rows begin with a row head. */
export function ColumnHeads({ cols, scoped = true }: { cols: readonly ReactNode[]; scoped?: boolean }) {
  return (
    <thead>
      <tr>
        {cols.map((c, i) => (
          <th key={i} scope={scoped ? 'col' : undefined}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
