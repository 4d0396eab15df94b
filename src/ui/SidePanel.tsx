/** The φ control and its readouts, live while dragging (every number from src/scaling, no inference); then the inference readout and the ONNX export. */
import { useState } from 'react';
import { useAppPick } from './use-app';
import { useEngine } from './engine-context';
import { downloadFile } from './download';
import { fmtBytes, fmtFlops, fmtMult, fmtParams, fmtPhi } from './format';
import { formulaVsOfficial, phiReadout } from './readouts';
import { PhiSlider } from './PhiSlider';
import { InferenceReadout } from './InferenceReadout';

export function SidePanel() {
  const { phi, formula, setFormula } = useAppPick('phi', 'formula', 'setFormula');
  const r = phiReadout(phi);
  const n = r.shown;

  return (
    <aside className="side-panel" aria-label="Scaling controls">
      <PhiSlider />

      <p className="network-name">
        {r.atOfficial ? 'Official ' : `Formula network at φ ${fmtPhi(phi)} · prediction from nearest official `}
        <strong data-testid="variant">{`B${r.variant}`}</strong>
        {r.atOfficial && ' (released coefficients)'}
      </p>

      <dl className="readouts">
        <dt>Resolution</dt>
        <dd>
          <span data-testid="resolution">{n.resolution}</span> px
        </dd>
        <dt>Depth</dt>
        <dd data-testid="depth">
          {fmtMult(n.depth)} · {n.totalBlocks} blocks
        </dd>
        <dt>Width</dt>
        <dd data-testid="width">
          {fmtMult(n.width)} · {n.headChannels} head channels
        </dd>
        <dt>FLOPs</dt>
        <dd data-testid="flops">{fmtFlops(n.flops)}</dd>
        <dt>Params</dt>
        <dd data-testid="params">{fmtParams(n.params)}</dd>
        <dt>Paper top-1 (B{r.variant})</dt>
        <dd>
          <span data-testid="paper-top1">{r.paperTop1.toFixed(1)}</span>%
        </dd>
      </dl>
      <p className="compare-line" data-testid="formula-vs-official">
        {formulaVsOfficial(phi)}
      </p>

      <label className="toggle">
        <input type="checkbox" data-testid="formula-toggle" checked={formula} onChange={(e) => setFormula(e.currentTarget.checked)} />
        Run the formula network (random weights at exactly φ: latency only)
      </label>

      <InferenceReadout />
      <ExportOnnxButton />
    </aside>
  );
}

/** "Export ONNX": the worker builds effnet-B3.onnx / effnet-phi2.50.onnx (Netron, ONNX Runtime) from its weights. */
function ExportOnnxButton() {
  const engine = useEngine();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const run = async () => {
    setBusy(true);
    setNote('Building the ONNX file…');
    try {
      const f = await engine.exportOnnx();
      downloadFile(f.bytes, f.fileName);
      setNote(`${f.fileName}: ${fmtBytes(f.bytes.byteLength)}, ${f.nodes} nodes, input “input” NHWC, output “probabilities”`);
    } catch (e) {
      setNote(`ONNX export failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export-onnx">
      <button type="button" data-testid="export-onnx" onClick={() => void run()} disabled={busy}>
        Export ONNX
      </button>
      <p className="muted small" role="status" data-testid="export-onnx-status">
        {note}
      </p>
    </div>
  );
}
