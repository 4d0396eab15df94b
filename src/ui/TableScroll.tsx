/** A wide table that scrolls sideways on its own on narrow screens (the page never does), and
 *  can be focused so the keyboard scrolls it too. */
import type { ReactNode } from 'react';

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
