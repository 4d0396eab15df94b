/** The deck's slides on the formula, live at φ, from the same readouts and formatters as Lab and Teach; the title slide's QR code. */
import { useMemo } from 'react';
import { encode } from 'uqr';
import { constraintOf, CONSTRAINT_TARGET } from '../../scaling';
import { followUrl } from '../../store/url-state';
import { shareable } from '../../store/lab-store';
import { useApp } from '../use-app';
import { APP_TITLE, TAGLINE } from '../app-text';
import { fmtFlops, fmtMs, fmtMult, fmtPhi } from '../format';
import { PhiSlider } from '../PhiSlider';
import { formulaVsOfficial, phiReadout } from '../readouts';
import { NetworkPicture } from '../teach/NetworkPicture';
import { EffectivePhiRows } from '../teach/EffectivePhiTable';
import '../teach/teach.css';
import { effectivePhiRows, networkLabel, teachNumbers } from '../teach/teach-model';
import { BaseControls, useOwnRows } from '../paper/OwnCoefficients';
import { BigTable, KeyNumber } from './DeckParts';

/** "B3" at an integer φ, "formula φ 2.4" between: the network the Lab's readouts describe. */
function shownName(phi: number): string {
  const r = phiReadout(phi);
  return r.atOfficial ? r.official.name : `formula φ ${fmtPhi(phi)}`;
}

export function TitleSlide() {
  const phi = useApp((s) => s.phi);
  return (
    <div className="deck-split">
      <div className="deck-col">
        <h2 className="deck-hero">{APP_TITLE}</h2>
        <p>{TAGLINE}</p>
        <div className="deck-stats">
          <KeyNumber label="φ" value={fmtPhi(phi)} />
          <KeyNumber label="Network" value={shownName(phi)} />
        </div>
        <p className="deck-help">Space: next slide · ← →: move φ · 0–7: B0–B7 · h: hide controls · Esc: leave</p>
      </div>
      <ShareQr />
    </div>
  );
}

export function KnobSlide() {
  const phi = useApp((s) => s.phi);
  const n = phiReadout(phi).shown;
  const { lines } = teachNumbers(phi);
  return (
    <>
      <h2 className="deck-h">One knob, three dimensions</h2>
      <div className="deck-slider">
        <PhiSlider />
      </div>
      <div className="deck-stats">
        <KeyNumber label="Resolution" value={n.resolution} unit="px" />
        <KeyNumber label="Depth" value={fmtMult(n.depth)} unit={`${n.totalBlocks} blocks`} />
        <KeyNumber label="Width" value={fmtMult(n.width)} unit={`${n.headChannels} ch`} />
      </div>
      <ul className="deck-formulas">
        <li>{lines.depth}</li>
        <li>{lines.width}</li>
        <li>{lines.resolution}</li>
      </ul>
      <p className="deck-cite">Numbers of {shownName(phi)}, as in the Lab. Formulas: Tan &amp; Le 2019, eq. 3.</p>
    </>
  );
}

export function FlopsSlide() {
  const phi = useApp((s) => s.phi);
  const t = teachNumbers(phi);
  const n = phiReadout(phi).shown;
  return (
    <>
      <h2 className="deck-h">The FLOPs budget: every +1 of φ doubles the cost</h2>
      <p className="deck-mono">{t.lines.constraint}</p>
      <div className="deck-stats">
        <KeyNumber label={`FLOPs of ${shownName(phi)}`} value={fmtFlops(n.flops)} />
        <KeyNumber label={`Formula φ ${fmtPhi(phi)} ÷ B0`} value={fmtMult(t.flopsRatio)} />
        <KeyNumber label="(α·β²·γ²)^φ" value={fmtMult(t.constraintPowPhi)} />
        <KeyNumber label="2^φ" value={fmtMult(t.twoPowPhi)} />
      </div>
      {t.released && (
        <p>
          Released {t.released.name} ÷ B0: <strong>{fmtMult(t.released.flopsRatio)}</strong> (hand-picked coefficients)
        </p>
      )}
      <p>
        Rounding keeps real networks off the ideal: {t.formula.totalBlocks} blocks against B0's {t.b0.totalBlocks}.
      </p>
      <p className="deck-cite">FLOPs ∝ d·w²·r² (Tan &amp; Le 2019, §3.3); multiply-adds counted on the built network.</p>
    </>
  );
}

export function GrowsSlide() {
  const phi = useApp((s) => s.phi);
  const r = phiReadout(phi);
  const label = networkLabel(r.shown);
  return (
    <>
      <h2 className="deck-h">What grows: {label}</h2>
      <div className="deck-picture teach">
        <NetworkPicture net={r.shown} label={label} />
      </div>
      <BigTable cols={['Network', 'Resolution', 'Blocks', 'Head channels', 'FLOPs']}>
        {[r.official, r.formula].map((n, i) => (
          <tr key={i}>
            <th scope="row">{i === 0 ? `${n.name} (released)` : `Formula φ ${fmtPhi(phi)}`}</th>
            <td>{n.resolution} px</td>
            <td>{n.totalBlocks}</td>
            <td>{n.headChannels}</td>
            <td>{fmtFlops(n.flops)}</td>
          </tr>
        ))}
      </BigTable>
      <p className="deck-cite">{formulaVsOfficial(phi)}</p>
    </>
  );
}

export function ReleasedSlide() {
  const phi = useApp((s) => s.phi);
  return (
    <>
      <h2 className="deck-h">Released B0–B7 are hand-picked near the formula</h2>
      <table className="deck-table" data-testid="deck-released-table">
        <EffectivePhiRows rows={effectivePhiRows(phi)} nearestClass="deck-row-on" />
      </table>
      <p className="deck-cite">Effective φ = log w / log β, log d / log α, log(r/224) / log γ; coefficients from the official TF release.</p>
    </>
  );
}

export function OwnSlide() {
  const { bases, phi, run, rows, time } = useOwnRows();
  return (
    <>
      <h2 className="deck-h">Your own α, β, γ at φ {fmtPhi(phi)}</h2>
      <BaseControls className="deck-controls" paperLabel="Paper's" />
      <KeyNumber label="α·β²·γ²" value={constraintOf(bases).toFixed(3)} unit={`target ${CONSTRAINT_TARGET}`} />
      <BigTable cols={['Network', 'Resolution', 'Blocks', 'FLOPs', 'Latency ms (steady)']}>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.label}</th>
            <td>{r.net.resolution}</td>
            <td>{r.net.totalBlocks}</td>
            <td>{fmtFlops(r.net.flops)}</td>
            <td>{r.status === 'running' ? 'timing…' : fmtMs(r.steadyMs)}</td>
          </tr>
        ))}
      </BigTable>
      <button type="button" className="deck-run" disabled={run?.running} onClick={time}>
        {run?.running ? 'Timing…' : 'Build and time these three'}
      </button>
    </>
  );
}

/** One "M x y h1 v1 h-1 z" square per dark module. */
function modulesPath(data: boolean[][]): string {
  return data.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`M${x} ${y}h1v1h-1z`] : []))).join('');
}

/** The projector's QR code: students scan it to open the lab at the teacher's φ, view and compared
 *  variants (the follow link of src/store/url-state.ts). Encoded locally by uqr, drawn as one SVG
 *  path of dark modules on a light quiet zone (scanners need dark on light, in either theme). */
function ShareQr() {
  const url = useApp((s) => followUrl(shareable(s), location.origin, location.pathname));
  const qr = useMemo(() => encode(url, { ecc: 'M', border: 2 }), [url]);
  return (
    <figure className="deck-qr">
      <svg
        data-testid="share-qr"
        data-url={url}
        viewBox={`0 0 ${qr.size} ${qr.size}`}
        role="img"
        aria-label={`QR code of the link ${url}`}
        shapeRendering="crispEdges"
      >
        <rect width={qr.size} height={qr.size} fill="#fff" />
        <path d={modulesPath(qr.data)} fill="#000" />
      </svg>
      <figcaption>
        Follow on your own screen: <span className="deck-url">{url}</span>
      </figcaption>
    </figure>
  );
}
