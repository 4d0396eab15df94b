/** "Export ONNX": the worker builds effnet-B3.onnx / effnet-phi2.50.onnx (Netron, ONNX Runtime) from its weights. */
import { useState } from 'react';
import { useEngine } from './engine-context';
import { downloadFile } from './download';
import { fmtBytes } from './format';

export function ExportOnnxButton() {
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
