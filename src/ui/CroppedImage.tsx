/** The exact centre crop the network sees; children (an activation map) go on top. */
import type { ReactNode } from 'react';
import { centerCropBox } from '../model/preprocess';
import type { ImageInfo } from '../store/lab-store';

interface CroppedImageProps {
  image: ImageInfo;
  size: number;
  testId?: string;
  className?: string;
  children?: ReactNode;
}

export function CroppedImage({ image, size, testId, className = 'cropped', children }: CroppedImageProps) {
  const crop = centerCropBox(image.width, image.height, size);
  return (
    <div className={className} data-testid={testId}>
      <img
        src={image.url}
        alt={`The crop of ${image.name} the network sees`}
        style={{
          width: `${(image.width / crop.side) * 100}%`,
          left: `${(-crop.sx / crop.side) * 100}%`,
          top: `${(-crop.sy / crop.side) * 100}%`,
        }}
      />
      {children}
    </div>
  );
}
