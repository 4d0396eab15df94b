/** The projector's QR code: students scan it to open the lab at the teacher's φ, view and compared
 *  variants (the follow link of src/store/url-state.ts). Encoded locally by uqr, drawn as one SVG
 *  path of dark modules on a light quiet zone (scanners need dark on light, in either theme). */
import { useMemo } from 'react';
import { encode } from 'uqr';
import { followUrl } from '../../store/url-state';
import { shareable } from '../../store/lab-store';
import { useApp } from '../use-app';

/** One "M x y h1 v1 h-1 z" square per dark module. */
function modulesPath(data: boolean[][]): string {
  return data.flatMap((row, y) => row.flatMap((dark, x) => (dark ? [`M${x} ${y}h1v1h-1z`] : []))).join('');
}

export function ShareQr() {
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
