/** One photo of the ImageNet sample (the Evaluate view's), downloaded from the pinned commit and
 *  verified by its git blob id. Its own module: the lab's gallery does not carry the 1,000 ids. */
import { samplePhotoUrl, type SamplePhoto } from '../model/imagenet-sample';
import { fetchVerified } from './samples';

export const fetchImagenetPhoto = (photo: SamplePhoto, fetcher: typeof fetch = fetch): Promise<File> =>
  fetchVerified(samplePhotoUrl(photo), photo.file, photo.file, photo.blob, fetcher);
