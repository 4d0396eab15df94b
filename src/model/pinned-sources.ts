/** The pinned public sources, defined once: the converted B0–B7 weights and the sample photos,
 *  each at a fixed commit so the bytes can never change under the app. The app's loader, the
 *  sample gallery, `npm run fixtures`, `npm run models:fetch` and the Content-Security-Policy
 *  (vite.config.ts) all take their URLs from here. No imports: vite.config.ts reads it too. */

export const PINNED_ORIGIN = 'https://raw.githubusercontent.com';

/** ntedgi/efficientnet-tensorflowjs-binaries (MIT), its last commit. */
export const WEIGHTS_REPO = 'ntedgi/efficientnet-tensorflowjs-binaries';
export const WEIGHTS_COMMIT = '35e685b9408fc382f8e3f6d00ab73c32e1abb91f';
/** Below it: `B{k}/model.json` and `B{k}/group1-shard*.bin`. */
export const PINNED_WEIGHTS_BASE = `${PINNED_ORIGIN}/${WEIGHTS_REPO}/${WEIGHTS_COMMIT}/models/`;

/** The base URL that stands for random-weights mode (?weights=random): never fetched; the
 *  official B0–B7 are built with seeded weights instead. */
export const RANDOM_WEIGHTS_BASE = 'random:';

/** ntedgi/node-efficientnet (MIT): its sample photos. */
export const GALLERY_REPO = 'ntedgi/node-efficientnet';
export const GALLERY_COMMIT = 'ecb1f2ab818a0a5c4ee86d932fd407d2c6667c0e';
export const GALLERY_BASE = `${PINNED_ORIGIN}/${GALLERY_REPO}/${GALLERY_COMMIT}/samples/`;

/** Each photo: its file, what it shows (the ImageNet class real weights should name) and the
 *  file's git blob id at GALLERY_COMMIT. */
export const GALLERY = [
  { file: 'panda.jpg', label: 'giant panda', blobId: 'e7a44cae2c2b091095ba6b5f7ce659cce55651ed' },
  { file: 'fish.jpg', label: 'goldfish', blobId: '6b62c68d571a2c88222edc56fa0f2fce573a5848' },
  { file: 'car.jpg', label: 'sports car', blobId: '3d92102f2aeadffa0a691dbc984bd1b832090412' },
  { file: 'gun.jpg', label: 'revolver', blobId: 'a3f2b2ce5b955e59cda095b51505aa698afed63c' },
] as const;
export type GallerySample = (typeof GALLERY)[number];

/** EliSchwartz/imagenet-sample-images: one photo per ImageNet-1k class (the Evaluate view's
 *  sample; the source does not say from which split, so it is a demonstration, not a benchmark). */
export const IMAGENET_SAMPLE_REPO = 'EliSchwartz/imagenet-sample-images';
export const IMAGENET_SAMPLE_COMMIT = 'bc69043e2862758a1906c6a24a792bb28c6bb2ff';
export const IMAGENET_SAMPLE_BASE = `${PINNED_ORIGIN}/${IMAGENET_SAMPLE_REPO}/${IMAGENET_SAMPLE_COMMIT}/`;
