/** The deck's measured slides (the lab's photo, Table 7's race, the class's accuracy, the activation map); none waits. */
import { OFFICIAL_VARIANTS, parseVariantName, TABLE7 } from '../../scaling';
import { useApp, useAppPick } from '../use-app';
import { RACE_STEADY_RUNS, table7Rows } from '../../store/paper-runs';
import { CroppedImage } from '../CroppedImage';
import { useEngine } from '../engine-context';
import { FileButton } from '../FileButton';
import { fmtAcc, fmtFlops, fmtMs, fmtPct } from '../format';
import { STATUS_TEXT } from '../InferenceReadout';
import { CamOnCrop, camLabel, SYNTHETIC_CAM_WARNING } from '../paper/CamOverlay';
import { resultSummary } from '../readouts';
import { SampleGallery } from '../SampleGallery';
import { BigTable, KeyNumber } from './DeckParts';
import { useTimedRows } from '../paper/OwnCoefficients';

export function LabSlide() {
  const { result, image, status } = useAppPick('result', 'image', 'status');
  const { setImageFile } = useEngine();
  const top = result?.top5[0];
  return (
    <>
      <h2 className="deck-h">The lab: {result ? `${result.name} at ${result.resolution} px` : STATUS_TEXT[status]}</h2>
      <div className="deck-split">
        <div className="deck-photo">
          {image && result ? (
            <CroppedImage image={image} size={result.resolution} className="cropped deck-crop" />
          ) : (
            <p>No photo yet: the network sees a test pattern.</p>
          )}
        </div>
        <div className="deck-col">
          <KeyNumber label="Top-1" value={result?.latencyOnly ? 'latency only' : (top?.label ?? '—')} testId="deck-top1" />
          <div className="deck-stats">
            <KeyNumber label="Probability" value={top && !result?.latencyOnly ? fmtPct(top.prob) : '—'} />
            <KeyNumber label="Latency" value={fmtMs(result?.latency.lastMs)} unit="ms" />
          </div>
          <p>{STATUS_TEXT[status]}</p>
          <div className="deck-controls">
            <FileButton label="Choose image…" accept="image/*" data-testid="deck-file-input" onFiles={([f]) => void setImageFile(f)} />
            <SampleGallery />
          </div>
        </div>
      </div>
      <p className="deck-cite">{resultSummary(result) || 'The lab answers on this device, in this browser.'}</p>
    </>
  );
}

export function RaceSlide() {
  const { run, rows, time } = useTimedRows('race', table7Rows);
  return (
    <>
      <h2 className="deck-h">Four ways to spend 4.6× B0's FLOPs</h2>
      <BigTable cols={['B0 grown by', 'Resolution', 'Blocks', 'FLOPs', 'Top-1 (paper)', 'Latency ms']}>
        {rows.map((r) => (
          <tr key={r.id} className={r.method === 'compound' ? 'deck-row-on' : undefined}>
            <th scope="row">{r.label}</th>
            <td>{r.net.resolution}</td>
            <td>{r.net.totalBlocks}</td>
            <td>{fmtFlops(r.net.flops)}</td>
            <td>{fmtAcc(r.paper?.top1)}</td>
            <td>{r.status === 'error' ? 'failed' : r.status === 'running' ? 'timing…' : fmtMs(r.steadyMs)}</td>
          </tr>
        ))}
      </BigTable>
      <button type="button" className="deck-run" disabled={run?.running} onClick={time}>
        {run?.running ? 'Racing…' : 'Run the race on this device'}
      </button>
      <p className="deck-cite">
        Top-1: ImageNet, Tan &amp; Le 2019, {TABLE7}. Latency: median of {RACE_STEADY_RUNS} runs here, random weights.
      </p>
    </>
  );
}

export function AccuracySlide() {
  const rows = useApp((s) => s.accuracy.rows);
  return (
    <>
      <h2 className="deck-h">The accuracy the class measured</h2>
      {rows ? (
        <BigTable cols={['Network', 'Correct', 'Accuracy', 'Paper top-1']} testId="deck-accuracy">
          {rows.map((r) => {
            const k = parseVariantName(r.network);
            return (
              <tr key={r.network}>
                <th scope="row">{r.network}</th>
                <td>
                  {r.correct} / {r.total}
                </td>
                <td>{fmtPct(r.correct / r.total)}</td>
                <td>{fmtAcc(k === null ? null : OFFICIAL_VARIANTS[k].paperTop1)}</td>
              </tr>
            );
          })}
        </BigTable>
      ) : (
        <p data-testid="deck-accuracy-missing">
          Run Evaluate first: open the Evaluate view, run it on the ImageNet sample photos with the variants the class wants to compare, then come back to this
          slide to see each network's accuracy here.
        </p>
      )}
      <p className="deck-cite">Paper top-1: ImageNet validation, Tan &amp; Le 2019, Table 2. A few photos give a rough estimate only.</p>
    </>
  );
}

export function CamSlide() {
  const result = useApp((s) => s.result);
  const cam = result?.cam;
  return (
    <>
      <h2 className="deck-h">Where the network looks</h2>
      {result && cam ? (
        <div className="deck-split">
          <div className="deck-photo">
            <CamOnCrop cam={cam} size={result.resolution} label={camLabel(result)} crop="deck-crop" />
          </div>
          <div className="deck-col">
            <KeyNumber label={`Top-1 of ${result.name}`} value={result.top5[0]?.label ?? '—'} />
            <p>
              Activation map on a {cam.width}×{cam.height} grid, upsampled to the {result.resolution} px crop.
            </p>
            {result.synthetic && (
              <p className="cam-warning" role="note">
                {SYNTHETIC_CAM_WARNING}
              </p>
            )}
          </div>
        </div>
      ) : (
        <p>The map appears with the lab's first prediction.</p>
      )}
      <p className="deck-cite">Class activation maps as in Tan &amp; Le 2019, Figure 7.</p>
    </>
  );
}
