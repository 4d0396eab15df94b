/** Class activation maps (paper Fig. 7): the worker's small map upsampled over the crop, coloured, see-through. */
import { useEffect, useRef } from 'react';
import { camPixels, type CamMap } from '../../model/cam';
import { useApp, useAppPick } from '../use-app';
import type { InferenceResult } from '../../store/lab-store';
import { CroppedImage } from '../CroppedImage';
import './paper.css';

export const SYNTHETIC_CAM_WARNING = 'Synthetic weights: this map shows where a random network looks — meaningless, like its prediction.';

/** A canvas of `size`×`size` pixels holding the coloured map (data-testid "cam"). */
export function CamCanvas({ cam, size, opacity, label, className }: { cam: CamMap; size: number; opacity: number; label: string; className: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(camPixels(cam, size, size, opacity) as Uint8ClampedArray<ArrayBuffer>, size, size), 0, 0);
  }, [cam, size, opacity]);
  return (
    <canvas
      ref={ref}
      className={className}
      width={size}
      height={size}
      data-testid="cam"
      data-grid={`${cam.width}×${cam.height}`}
      role="img"
      aria-label={label}
    />
  );
}

/** The map's accessible name, for the lab's overlay and the deck. */
export const camLabel = (result: InferenceResult) => `Class activation map of ${result.name} for “${result.top5[0]?.label ?? '?'}”`;

/** The map over the crop the network saw (half see-through), or alone before there is a photo. */
export function CamOnCrop({ cam, size, label, crop }: { cam: CamMap; size: number; label: string; crop: string }) {
  const image = useApp((s) => s.image);
  return image ? (
    <CroppedImage image={image} size={size} className={`cropped ${crop}`}>
      <CamCanvas cam={cam} size={size} opacity={0.55} className="cam-canvas cam-over-crop" label={label} />
    </CroppedImage>
  ) : (
    <CamCanvas cam={cam} size={size} opacity={1} className={`cam-canvas ${crop}`} label={label} />
  );
}

/** The overlay inside the lab's crop view (shown when the toggle is on and a map exists). */
export function LabCamLayer() {
  const { cam, result } = useAppPick('cam', 'result');
  if (!cam.on || !result?.cam) return null;
  return <CamCanvas cam={result.cam} size={result.resolution} opacity={cam.opacity} className="cam-canvas cam-over-crop" label={camLabel(result)} />;
}

/** Toggle, opacity and the synthetic-weights warning, under the lab's crop. */
export function LabCamControls() {
  // View-only state in the store's cam slice: whether the lab's crop shows the map, and how strongly.
  const { cam, result } = useAppPick('cam', 'result');
  const { on, opacity, set } = cam;
  return (
    <span className="cam-controls">
      <button type="button" data-testid="cam-toggle" aria-pressed={on} onClick={() => set({ on: !on })}>
        {on ? 'Hide activation map' : 'Show activation map'}
      </button>
      {on && (
        <label className="cam-opacity">
          opacity{' '}
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={opacity}
            data-testid="cam-opacity"
            onChange={(e) => set({ opacity: Number(e.target.value) })}
          />
        </label>
      )}
      {on && !result?.cam && <span className="muted small"> the map appears with the next prediction</span>}
      {on && result?.cam && result.synthetic && (
        <span className="cam-warning" data-testid="cam-warning" role="note">
          {SYNTHETIC_CAM_WARNING}
        </span>
      )}
    </span>
  );
}

/** One map per compared variant, over the same crop, as in the paper's Figure 7. */
export function CompareCam({ cam, resolution, name }: { cam: CamMap; resolution: number; name: string }) {
  const synthetic = useApp((s) => s.synthetic);
  return (
    <figure className="compare-cam" data-testid="compare-cam">
      <CamOnCrop cam={cam} size={resolution} label={`Class activation map of ${name}`} crop="compare-cam-crop" />
      <figcaption className="muted small">
        Activation map ({cam.width}×{cam.height} grid, top-1 class)
        {synthetic && (
          <span className="cam-warning" role="note">
            {' '}
            {SYNTHETIC_CAM_WARNING}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
