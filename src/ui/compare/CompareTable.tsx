/** The compare numbers as a compact table, with CSV / JSON export of exactly these entries. */
import { compareCsv, type CompareEntry } from '../../store/compare';
import { fmtAcc, fmtFlops, fmtMs, fmtParams, fmtPct } from '../format';
import { compareJson } from './compare-model';
import { downloadFile } from '../download';
import { ScrollTable } from '../TableScroll';

const COMPARE_HEADS = ['Variant', 'Res.', 'FLOPs', 'Params', 'Paper top-1', 'First ms', 'Steady median ms', 'p25–p75 ms', 'Top-1', 'Prob.'];

export function CompareTable({ entries, agree }: { entries: readonly CompareEntry[]; agree: ReadonlySet<number> }) {
  const empty = entries.length === 0;
  return (
    <section className="card compare-table-card">
      <div className="compare-table-head">
        <h3>Numbers</h3>
        <div className="compare-exports">
          <button type="button" data-testid="export-csv" disabled={empty} onClick={() => downloadFile(compareCsv([...entries]), 'efficientnet-compare.csv')}>
            Export CSV
          </button>
          <button type="button" data-testid="export-json" disabled={empty} onClick={() => downloadFile(compareJson(entries), 'efficientnet-compare.json')}>
            Export JSON
          </button>
        </div>
      </div>
      <ScrollTable label="Comparison table (scrolls sideways)" heads={COMPARE_HEADS} scoped className="compare-table" testId="compare-table">
        {entries.map((e) => (
          <tr key={e.variant} data-variant={e.name} data-status={e.status} className={agree.has(e.variant) ? 'agrees' : undefined}>
            <th scope="row">{e.name}</th>
            <td>{e.resolution}</td>
            <td>{fmtFlops(e.flops)}</td>
            <td>{fmtParams(e.params)}</td>
            <td>{fmtAcc(e.paperTop1)}</td>
            <td>{fmtMs(e.firstMs)}</td>
            <td>{fmtMs(e.steadyMs)}</td>
            <td>{e.p25Ms == null ? '—' : `${fmtMs(e.p25Ms)}–${fmtMs(e.p75Ms)}`}</td>
            <td className="compare-label">{e.status === 'error' ? 'error' : (e.top5[0]?.label ?? '—')}</td>
            <td>{e.top5[0] ? fmtPct(e.top5[0].prob) : '—'}</td>
          </tr>
        ))}
        {empty && (
          <tr>
            <td colSpan={10} className="muted">
              No comparison run yet.
            </td>
          </tr>
        )}
      </ScrollTable>
    </section>
  );
}
