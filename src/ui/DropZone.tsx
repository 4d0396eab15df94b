/** Image input (drop, file picker, paste, camera) and the crop the network sees, or the full image with the crop outlined. */
import { useEffect, useRef, useState } from 'react';
import { centerCropBox } from '../model/preprocess';
import { classifyDrop, pickedFiles, type DroppedFile } from '../image/dropped-entries';
import { useAppPick } from './use-app';
import { CroppedImage } from './CroppedImage';
import { FileButton } from './FileButton';
import { LabCamControls, LabCamLayer } from './paper/CamOverlay';
import { useEngine } from './engine-context';
import { SampleGallery } from './SampleGallery';
import { phiReadout } from './readouts';
import { useFileDrop } from './use-file-drop';

export function DropZone() {
  const { setCustomModel, setImageFile, store } = useEngine();
  const { image, phi } = useAppPick('image', 'phi');
  const [showFull, setShowFull] = useState(false);
  const size = phiReadout(phi).official.resolution;

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const f = [...(e.clipboardData?.files ?? [])].find((x) => x.type.startsWith('image/'));
      if (f) void setImageFile(f);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [setImageFile]);

  /** A model folder (or its loose files) replaces the built-in weights; anything else is the image. */
  const use = (dropped: DroppedFile[]) => {
    const c = classifyDrop(dropped);
    if (c.kind === 'model') setCustomModel(c.files, c.name);
    else if (c.kind === 'image') void setImageFile(c.file);
    else if (c.kind === 'error') store.setState({ error: c.message });
  };
  const { over, handlers } = useFileDrop(use, (error) => store.setState({ error }));

  const crop = image ? centerCropBox(image.width, image.height, size) : null;
  return (
    <section className={`dropzone${over ? ' over' : ''}`} data-testid="dropzone" {...handlers} aria-label="Image input">
      {image && crop ? (
        <figure className="preview">
          {showFull ? (
            <div className="full" style={{ aspectRatio: `${image.width} / ${image.height}` }}>
              <img src={image.url} alt={`Your image ${image.name}`} />
              <div
                className="crop-outline"
                data-testid="crop-outline"
                style={{
                  left: `${(crop.sx / image.width) * 100}%`,
                  top: `${(crop.sy / image.height) * 100}%`,
                  width: `${(crop.side / image.width) * 100}%`,
                  height: `${(crop.side / image.height) * 100}%`,
                }}
              />
            </div>
          ) : (
            <CroppedImage image={image} size={size} testId="crop-view">
              <LabCamLayer />
            </CroppedImage>
          )}
          <figcaption>
            <span data-testid="image-name">{image.name}</span> · {image.width}×{image.height} ·{' '}
            {showFull ? 'full image, crop outlined' : `the crop the network sees, resized to ${size}²`}{' '}
            <button type="button" onClick={() => setShowFull(!showFull)}>
              {showFull ? 'Show crop' : 'Show full image'}
            </button>{' '}
            {!showFull && <LabCamControls />}
          </figcaption>
        </figure>
      ) : (
        <p className="hint">Drop an image here, paste one (Ctrl/⌘+V), or choose a file. A converted model's folder can be dropped here too.</p>
      )}
      <FileButton label="Choose image…" accept="image/*" data-testid="file-input" onFiles={([f]) => void setImageFile(f)} />
      <CameraCapture />
      <SampleGallery />
      <div className="model-pickers">
        <FileButton
          label="Use your own converted model…"
          className="file-button secondary"
          title="A converted TF.js EfficientNet: model.json and its group1-shard*.bin files"
          multiple
          accept=".json,.bin"
          data-testid="model-files-input"
          onFiles={(files) => setCustomModel(files)}
        />
        <FileButton
          label="…or its folder"
          className="file-button secondary"
          title="The folder holding model.json and its shards (or drop the folder on this area)"
          folder
          data-testid="model-folder-input"
          onFiles={(files) => use(pickedFiles(files))}
        />
      </div>
    </section>
  );
}

/** Webcam capture where the browser allows it: live preview, one click takes a still as the image. */
function CameraCapture() {
  const { setImageFile } = useEngine();
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A still can be taken only once the first frame has arrived (videoWidth is 0 before).
  const [ready, setReady] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const available = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
    return () => stream?.getTracks().forEach((t) => t.stop());
  }, [stream]);

  if (!available) return null;

  const start = async () => {
    setError(null);
    setReady(false);
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }));
    } catch (e) {
      setError(`Camera unavailable: ${(e as Error).message}`);
    }
  };
  const capture = async () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
    if (blob) await setImageFile(new File([blob], `camera-${new Date().toISOString().slice(11, 19)}.png`, { type: 'image/png' }));
    setStream(null); // the effect's cleanup stops the tracks
  };

  return (
    <div className="camera">
      {stream ? (
        <>
          <video ref={video} autoPlay playsInline muted className="camera-preview" data-testid="camera-preview" onLoadedData={() => setReady(true)} />
          <button type="button" data-testid="camera-capture" disabled={!ready} onClick={() => void capture()}>
            {ready ? 'Take photo' : 'Waiting for the camera…'}
          </button>
          <button type="button" onClick={() => setStream(null)}>
            Cancel
          </button>
        </>
      ) : (
        <button type="button" data-testid="camera-start" onClick={() => void start()}>
          Use camera
        </button>
      )}
      {error && <p className="muted small">{error}</p>}
    </div>
  );
}
