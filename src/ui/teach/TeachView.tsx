/** Teach: compound scaling explained live at φ; the numbers come from teach-model.ts and src/scaling. */
import { useState } from 'react';
import { ALPHA, BETA, CHANNEL_DIVISOR, GAMMA, NUM_CLASSES } from '../../scaling';
import { useApp } from '../use-app';
import { fmtMult, fmtPhi } from '../format';
import { phiReadout } from '../readouts';
import { EffectivePhiTable } from './EffectivePhiTable';
import { PaperExperiments } from '../paper/PaperExperiments';
import { NetworkPicture } from './NetworkPicture';
import { ScalingNotes } from './ScalingNotes';
import { StageTable } from './StageTable';
import { formulaLines, networkLabel, teachNumbers, type TeachNumbers } from './teach-model';
import './teach.css';

function Formulas({ t }: { t: TeachNumbers }) {
  const lines = formulaLines(t);
  return (
    <section className="teach-section" aria-labelledby="teach-formulas-h">
      <h3 id="teach-formulas-h">1 · One knob, three dimensions</h3>
      <p>
        Compound scaling grows B0 with a single coefficient φ. The bases α = {ALPHA}, β = {BETA}, γ = {GAMMA} came from a small grid search on B0 at φ = 1.
      </p>
      <dl className="teach-formulas">
        <dt>Depth (layers)</dt>
        <dd data-testid="teach-depth">{lines.depth}</dd>
        <dt>Width (channels)</dt>
        <dd data-testid="teach-width">{lines.width}</dd>
        <dt>Resolution (input)</dt>
        <dd data-testid="teach-resolution">{lines.resolution}</dd>
      </dl>
      <p className="teach-aside">
        The resolution is rounded to the nearest pixel, exactly as the lab's <code>formulaResolution</code> does; the network then rounds channels to multiples
        of {CHANNEL_DIVISOR} and each stage's repeats up (ceil), so φ {fmtPhi(t.phi)} builds {t.formula.totalBlocks} blocks (B0: {t.b0.totalBlocks}) and a{' '}
        {t.formula.headChannels}-channel head (B0: {t.b0.headChannels}).
      </p>
    </section>
  );
}

function FlopsBudget({ t }: { t: TeachNumbers }) {
  const lines = formulaLines(t);
  return (
    <section className="teach-section" aria-labelledby="teach-flops-h">
      <h3 id="teach-flops-h">2 · The FLOPs budget</h3>
      <p>
        A conv net's FLOPs grow with d·w²·r²: linearly with depth, quadratically with width and resolution. The bases are chosen under the constraint{' '}
        <span className="teach-mono" data-testid="teach-constraint">
          {lines.constraint}
        </span>
        , so every +1 of φ roughly doubles the cost.
      </p>
      <dl className="teach-flops">
        <dt>FLOPs of the formula network at φ {fmtPhi(t.phi)}, relative to B0</dt>
        <dd data-testid="teach-flops-ratio">{fmtMult(t.flopsRatio)}</dd>
        <dt>(α·β²·γ²)^φ</dt>
        <dd data-testid="teach-constraint-pow-phi">{fmtMult(t.constraintPowPhi)}</dd>
        <dt>2^φ (the paper's target)</dt>
        <dd data-testid="teach-two-pow-phi">{fmtMult(t.twoPowPhi)}</dd>
        {t.released && (
          <>
            <dt>Released {t.released.name} (hand-picked coefficients), relative to B0</dt>
            <dd data-testid="teach-released-flops-ratio">{fmtMult(t.released.flopsRatio)}</dd>
          </>
        )}
      </dl>
      <p className="teach-aside">
        They differ because a real network is rounded: each stage's repeats go up to a whole block (here {t.formula.totalBlocks} blocks ={' '}
        {fmtMult(t.formula.totalBlocks / t.b0.totalBlocks)} B0's, against d = {t.formula.depth.toFixed(2)}), channels snap to multiples of {CHANNEL_DIVISOR},
        and the stem, head and {NUM_CLASSES}-way classifier do not scale like d·w²·r².
      </p>
    </section>
  );
}

export function TeachView() {
  const phi = useApp((s) => s.phi);
  const [source, setSource] = useState<'official' | 'formula'>('official');
  const r = phiReadout(phi);
  const t = teachNumbers(phi);
  // Between integers only the formula network exists; at an integer the reader may pick.
  const net = r.atOfficial && source === 'formula' ? r.formula : r.shown;
  const label = networkLabel(net);

  return (
    <section data-testid="teach" className="teach" aria-labelledby="teach-h">
      <h2 id="teach-h">Compound scaling, explained at φ {fmtPhi(phi)}</h2>
      <p className="teach-lead">Move φ in the side panel: every number, the table and the picture below follow it.</p>

      <Formulas t={t} />
      <FlopsBudget t={t} />

      <section className="teach-section" aria-labelledby="teach-network-h">
        <h3 id="teach-network-h">3 · What grows: {label}</h3>
        {r.atOfficial ? (
          <fieldset className="teach-toggle" data-testid="teach-network-toggle">
            <legend>Network shown</legend>
            {(['official', 'formula'] as const).map((s) => (
              <label key={s}>
                <input type="radio" name="teach-source" checked={source === s} onChange={() => setSource(s)} />
                {s === 'official' ? `Released ${r.official.name}` : `Formula at φ ${fmtPhi(phi)}`}
              </label>
            ))}
          </fieldset>
        ) : (
          <p className="teach-aside">Between integers only the formula network exists (the prediction uses the nearest released B{r.variant}).</p>
        )}
        <NetworkPicture net={net} label={label} />
        <StageTable net={net} label={label} />
      </section>

      <section className="teach-section" aria-labelledby="teach-why-h">
        <h3 id="teach-why-h">4 · Why scale all three together</h3>
        <ScalingNotes />
      </section>

      <section className="teach-section" aria-labelledby="teach-released-h">
        <h3 id="teach-released-h">5 · The released B0–B7 are hand-picked</h3>
        <EffectivePhiTable phi={phi} />
      </section>

      <PaperExperiments first={6} />
    </section>
  );
}
