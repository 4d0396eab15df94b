/** Image input (drop, file picker, paste) and the crop the network sees, or the full image with the crop outlined. */
import { useEffect, useState } from 'react';
import { centerCropBox } from '../model/preprocess';
import { classifyDrop, pickedFiles, type DroppedFile } from '../image/dropped-entries';
import { useAppPick } from './use-app';
import { CameraCapture } from './CameraCapture';
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
