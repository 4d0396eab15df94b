/** Four sample photos from a pinned commit, verified; when unreachable, the procedural test pattern is offered. */
import { useState } from 'react';
import { GALLERY, type GallerySample } from '../model/pinned-sources';
import { fetchSample } from '../image/samples';
import { useEngine } from './engine-context';

export function SampleGallery() {
  const { setImageFile } = useEngine();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const pick = async (sample: GallerySample) => {
    setBusy(sample.file);
    setFailure(null);
    try {
      await setImageFile(await fetchSample(sample));
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="sample-gallery" data-testid="sample-gallery">
      <span className="muted">Samples:</span>{' '}
      {GALLERY.map((s) => (
        <button
          key={s.file}
          type="button"
          data-testid={`sample-${s.file.replace(/\.jpg$/, '')}`}
          disabled={busy !== null}
          onClick={() => void pick(s)}
          title={s.label}
        >
          {s.file.replace(/\.jpg$/, '')}
        </button>
      ))}
      {busy && <span className="muted"> loading {busy}…</span>}
      {failure && (
        <p className="notice" data-testid="sample-error">
          {failure}. The procedural test pattern works without a download.{' '}
          <button type="button" data-testid="use-test-pattern" onClick={() => void setImageFile(null).then(() => setFailure(null))}>
            Use the test pattern
          </button>
        </p>
      )}
    </div>
  );
}
