/** Released B0–B7 vs the formula: their hand-picked (w, d, r) and the φ each would need. */
import { BASE_RESOLUTION } from '../../scaling';
import { fmtPhi } from '../format';
import { formulaVsOfficial } from '../readouts';
import { effectivePhiRows } from './teach-model';
import { ColumnHeads, TableScroll } from '../TableScroll';

export function EffectivePhiTable({ phi }: { phi: number }) {
  const rows = effectivePhiRows(phi);
  const near = rows.find((r) => r.nearest) ?? rows[0];
  const first = rows[1];
  const last = rows[rows.length - 1];
  return (
    <>
      <p>
        The released {first.name}–{last.name} are <em>not</em> the formula evaluated at φ = {first.index}…{last.index}: the authors picked each variant's width,
        depth and resolution by hand near the formula, as round, convenient numbers. The last three columns give the φ at which the formula would reproduce each
        released value, per dimension — they drift apart. Nearest to φ {fmtPhi(phi)}: <span className="teach-mono">{formulaVsOfficial(phi)}</span>; {near.name}
        's depth {near.depth} is what the formula gives at φ ≈ {fmtPhi(near.effective.depth)}, its resolution {near.resolution} px at φ ≈{' '}
        {fmtPhi(near.effective.resolution)}.
      </p>
      <TableScroll label="Effective φ of the released coefficients">
        <table data-testid="effective-phi-table" className="teach-table teach-table-compact">
          <caption>Released coefficients and their effective φ (log w / log β, log d / log α, log(r/{BASE_RESOLUTION}) / log γ)</caption>
          <EffectivePhiRows rows={rows} nearestClass="teach-nearest" badge />
        </table>
      </TableScroll>
    </>
  );
}

/** The table's heads and rows, shared with the presentation deck's slide (its own row style, no badge). */
export function EffectivePhiRows({ rows, nearestClass, badge = false }: { rows: ReturnType<typeof effectivePhiRows>; nearestClass: string; badge?: boolean }) {
  return (
    <>
      <ColumnHeads cols={['Variant', 'w', 'd', 'r (px)', 'φ from w', 'φ from d', 'φ from r']} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} className={r.nearest ? nearestClass : undefined} data-nearest={r.nearest || undefined} aria-current={r.nearest || undefined}>
            <th scope="row">
              {r.name}
              {badge && r.nearest && <span className="teach-badge"> nearest</span>}
            </th>
            <td>{r.width.toFixed(1)}</td>
            <td>{r.depth.toFixed(1)}</td>
            <td>{r.resolution}</td>
            <td>{r.effective.width.toFixed(2)}</td>
            <td>{r.effective.depth.toFixed(2)}</td>
            <td>{r.effective.resolution.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </>
  );
}
