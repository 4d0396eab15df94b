/** What every slide shares: its heading, its citation, and a key number big enough for the back row. */
import type { ReactNode } from 'react';

export function SlideHead({ children }: { children: ReactNode }) {
  return <h2 className="deck-h">{children}</h2>;
}

export function Cite({ children }: { children: ReactNode }) {
  return <p className="deck-cite">{children}</p>;
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
