/** One row per image (thumbnail, label, each network's top-1 with ✓/✗), with filters. */
import { useMemo, useState } from 'react';
import { disagreeing, isCorrect, wrongSomewhere, type EvalRow } from '../../store/eval-results';
import type { EvalNetwork } from '../../store/evaluate';
import { ColumnHeads } from '../TableScroll';
import { shortLabelOf } from '../../model/labels';
import { fmtPct } from '../format';

/** Rows drawn at first; the rest on request (10,000 rows of thumbnails is a slow page). */
const PAGE = 1000;

const FILTERS = {
  all: { label: 'All images', rows: (rows: readonly EvalRow[]) => rows },
  wrong: { label: 'Wrong only', rows: wrongSomewhere },
  disagree: { label: 'Where the networks disagree', rows: disagreeing },
};

export function EvalRows({ rows, networks }: { rows: readonly EvalRow[]; networks: readonly EvalNetwork[] }) {
  const [filter, setFilter] = useState<keyof typeof FILTERS>('all');
  const [limit, setLimit] = useState(PAGE);
  const shown = useMemo(() => FILTERS[filter].rows(rows), [rows, filter]);
  return (
    <section className="card eval-rows">
      <div className="eval-filter" role="radiogroup" aria-label="Which images">
        {(['all', 'wrong', 'disagree'] as const).map((f) => (
          <label key={f}>
            <input type="radio" name="eval-filter" data-testid={`eval-filter-${f}`} checked={filter === f} onChange={() => setFilter(f)} /> {FILTERS[f].label}
          </label>
        ))}
        <span className="muted small">{shown.length} shown</span>
      </div>
      <div className="eval-table-scroll">
        <table className="eval-table">
          <ColumnHeads cols={['Image', 'Label', ...networks.map((n) => `${n.name} top-1`)]} />
          <tbody>
            {shown.slice(0, limit).map((r) => (
              <tr key={r.file} data-testid="eval-row" data-file={r.file} data-label={r.label ?? ''}>
                <td className="eval-file">
                  {r.thumb ? <img src={r.thumb} alt="" width={40} height={40} /> : <span className="eval-nothumb" />}{' '}
                  <span>{r.file.slice(r.file.lastIndexOf('/') + 1)}</span>
                  {r.error && <span className="eval-error small"> {r.error}</span>}
                </td>
                <td>{r.label === null ? <span className="muted">unlabelled</span> : shortLabelOf(r.label)}</td>
                {networks.map((n, i) => {
                  const t = r.preds[i]?.[0] ?? null;
                  const ok = isCorrect(r, i);
                  return (
                    <td
                      key={n.key}
                      data-testid="eval-pred"
                      data-network={n.name}
                      data-class={t?.index ?? ''}
                      data-prob={t?.prob ?? ''}
                      className={ok === null ? '' : ok ? 'eval-right' : 'eval-wrong'}
                    >
                      {t ? `${shortLabelOf(t.index)} ${fmtPct(t.prob)}` : '—'} {ok === null ? '' : ok ? '✓' : '✗'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length > limit && (
        <button type="button" onClick={() => setLimit((l) => l + PAGE)}>
          Show {Math.min(PAGE, shown.length - limit)} more
        </button>
      )}
    </section>
  );
}
