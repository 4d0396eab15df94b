/** Teach: compound scaling explained live at φ, why balance the three dimensions (paper §3.2, Figs. 3, 4 and 8), and the paper's
 *  argument as live experiments (src/ui/paper); the numbers come from teach-model.ts and src/scaling. */
import { useState } from 'react';
import { ALPHA, BASE_RESOLUTION, BETA, CHANNEL_DIVISOR, GAMMA, NUM_CLASSES, type NetworkConfig } from '../../scaling';
import { useApp } from '../use-app';
import { fmtMult, fmtPhi } from '../format';
import { phiReadout } from '../readouts';
import { EffectivePhiTable } from './EffectivePhiTable';
import { BudgetChart } from '../paper/BudgetChart';
import { MethodRace } from '../paper/MethodRace';
import { OwnCoefficients } from '../paper/OwnCoefficients';
import { NetworkPicture } from './NetworkPicture';
import { networkLabel, stageTableRows, teachNumbers, type TeachNumbers } from './teach-model';
import { ScrollTable } from '../TableScroll';
import './teach.css';

/** Paper Fig. 3: accuracy gains flatten around r = 2.5 (relative to the base input). */
const RESOLUTION_SATURATION = 2.5;

function Formulas({ t }: { t: TeachNumbers }) {
  return (
    <section className="teach-section" aria-labelledby="teach-formulas-h">
      <h3 id="teach-formulas-h">1 · One knob, three dimensions</h3>
      <p>
        Compound scaling grows B0 with a single coefficient φ. The bases α = {ALPHA}, β = {BETA}, γ = {GAMMA} came from a small grid search on B0 at φ = 1.
      </p>
      <dl className="teach-formulas">
        <dt>Depth (layers)</dt>
        <dd data-testid="teach-depth">{t.lines.depth}</dd>
        <dt>Width (channels)</dt>
        <dd data-testid="teach-width">{t.lines.width}</dd>
        <dt>Resolution (input)</dt>
        <dd data-testid="teach-resolution">{t.lines.resolution}</dd>
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
  return (
    <section className="teach-section" aria-labelledby="teach-flops-h">
      <h3 id="teach-flops-h">2 · The FLOPs budget</h3>
      <p>
        A conv net's FLOPs grow with d·w²·r²: linearly with depth, quadratically with width and resolution. The bases are chosen under the constraint{' '}
        <span className="teach-mono" data-testid="teach-constraint">
          {t.lines.constraint}
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
        <ul className="teach-notes" data-testid="teach-notes">
          <li>
            <strong>Deeper only</strong> — more layers learn richer features, but the returns vanish: ResNet-1000 is about as accurate as ResNet-101 despite ten
            times the layers (and is much harder to train).
          </li>
          <li>
            <strong>Wider only</strong> — more channels per layer capture fine-grained patterns and train easily, but wide, shallow networks miss higher-level
            features, so accuracy saturates quickly (paper Fig. 3).
          </li>
          <li>
            <strong>Higher resolution only</strong> — a bigger image shows finer detail, but beyond about r = {RESOLUTION_SATURATION} (≈
            {RESOLUTION_SATURATION * BASE_RESOLUTION} px) the extra pixels add little accuracy.
          </li>
          <li>
            <strong>The dimensions depend on each other</strong> — a larger image needs more layers to grow the receptive field and more channels to hold its
            finer patterns; width scaling pays off far more on a deeper, higher-resolution network (Fig. 4).
          </li>
          <li>
            <strong>Balanced scaling wins</strong> — growing depth, width and resolution together in the ratio α : β : γ gives the best accuracy per FLOP:
            scaling B0 by the compound rule beats depth-, width- or resolution-only scaling by up to about 2.5 % top-1 at the same FLOPs (Fig. 8).
          </li>
        </ul>
      </section>

      <section className="teach-section" aria-labelledby="teach-released-h">
        <h3 id="teach-released-h">5 · The released B0–B7 are hand-picked</h3>
        <EffectivePhiTable phi={phi} />
      </section>

      <section className="teach-section" aria-labelledby="paper-race-h">
        <h3 id="paper-race-h">6 · Four ways to spend 4.6× B0's FLOPs (the paper's Table 7)</h3>
        <MethodRace />
      </section>
      <section className="teach-section" aria-labelledby="paper-budget-h">
        <h3 id="paper-budget-h">7 · Equal FLOPs, unequal cost (Figures 3 and 8)</h3>
        <BudgetChart />
      </section>
      <section className="teach-section" aria-labelledby="paper-own-h">
        <h3 id="paper-own-h">8 · Design your own coefficients</h3>
        <OwnCoefficients />
      </section>
    </section>
  );
}

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

/** B0's stage table (paper Table 1) with the scaled network's numbers beside it. */
function StageTable({ net, label }: { net: NetworkConfig; label: string }) {
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
      {stageTableRows(net).map((r) => (
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
