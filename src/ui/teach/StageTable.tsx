/** B0's stage table (paper Table 1) with the scaled network's numbers beside it. */
import type { NetworkConfig } from '../../scaling';
import { stageTableRows } from './teach-model';
import { ScrollTable } from '../TableScroll';

const STAGE_HEADS = ['Stage', 'Operator', 'Input H×W (B0 → scaled)', 'Channels (B0 → scaled)', 'Layers (B0 → scaled)', 'Stride'];

/** "B0 → scaled", emphasised when scaling changed it. */
function Change({ from, to, square = false }: { from: number; to: number; square?: boolean }) {
  const show = (v: number) => (square ? `${v}×${v}` : String(v));
  if (from === to) return <>{show(to)}</>;
  return (
    <>
      <span className="teach-from">{show(from)}</span> → <strong className="teach-grew">{show(to)}</strong>
    </>
  );
}

export function StageTable({ net, label }: { net: NetworkConfig; label: string }) {
  const rows = stageTableRows(net);
  return (
    <ScrollTable
      label="Scaled stage table"
      heads={STAGE_HEADS}
      scoped
      className="teach-table"
      testId="stage-table"
      caption={
        <>
          EfficientNet-B0 stages (paper Table 1) scaled to {label}: {net.totalBlocks} blocks, {net.resolution} px input
        </>
      }
    >
      {rows.map((r) => (
        <tr
          key={r.key}
          data-testid={r.stage >= 0 ? 'stage-row' : `${r.key}-row`}
          className={r.stage >= 0 ? `teach-row-stage teach-stage-${r.stage}` : 'teach-row-edge'}
        >
          <th scope="row">{r.label}</th>
          <td>{r.operator}</td>
          <td>
            <Change from={r.inputB0} to={r.input} square />
          </td>
          <td>
            <Change from={r.channelsB0} to={r.channels} />
          </td>
          <td>
            <Change from={r.layersB0} to={r.layers} />
          </td>
          <td>{r.stride}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}
