/** Webcam capture where the browser allows it: live preview, one click takes a still as the image. */
import { useEffect, useRef, useState } from 'react';
import { useEngine } from './engine-context';

export function CameraCapture() {
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
