/** The growing-network SVG from networkPicture(), over a dashed B0 ghost so growth shows at a glance. */
import type { CSSProperties } from 'react';
import type { NetworkConfig } from '../../scaling';
import { officialOf } from '../readouts';
import { networkPicture, pictureDescription, type PictureRect } from './network-picture';

/** Geometry both as attributes (every renderer) and as CSS (Chromium animates CSS x/y/width/height,
 *  so bars glide when φ changes instead of jumping). */
function geometry({ x, y, width, height }: PictureRect) {
  return { x, y, width, height, style: { x, y, width, height } as CSSProperties };
}

function partClass(r: PictureRect): string {
  return r.stage >= 0 ? `teach-part-${r.part} teach-stage-${r.stage}` : `teach-part-${r.part}`;
}

export function NetworkPicture({ net, label }: { net: NetworkConfig; label: string }) {
  const picture = networkPicture(net);
  const description = pictureDescription(net);
  return (
    <figure className="teach-figure">
      <svg
        data-testid="network-picture"
        data-blocks={net.totalBlocks}
        data-resolution={net.resolution}
        data-head-channels={net.headChannels}
        className="teach-picture"
        viewBox={`0 0 ${picture.width} ${picture.height}`}
        role="img"
        aria-label={`${label}: ${description}`}
      >
        <title>{`${label}: ${description}`}</title>
        <g className="teach-ghost" aria-hidden="true">
          {networkPicture(officialOf(0)).rects.map((r) => (
            <rect key={r.key} {...geometry(r)} />
          ))}
        </g>
        <g>
          {picture.rects.map((r) => (
            <rect key={r.key} data-part={r.part} data-stage={r.stage} className={partClass(r)} rx={r.part === 'input' ? 3 : 1.5} {...geometry(r)} />
          ))}
        </g>
        <g className="teach-picture-labels" aria-hidden="true">
          {picture.labels.map((l) => (
            <text key={l.key} x={l.x} y={l.y} textAnchor="middle">
              {l.text}
            </text>
          ))}
        </g>
      </svg>
      <figcaption>
        Square: input image (side ∝ {net.resolution} px). One bar per MBConv block ({net.totalBlocks} = depth), coloured by stage; bar height ∝ √channels
        (width). Dashed outline: {officialOf(0).totalBlocks}-block B0 for comparison.
      </figcaption>
    </figure>
  );
}
