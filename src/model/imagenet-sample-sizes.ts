/** How many ImageNet sample photos a run or a prepared class can take, and their size. Its own module
 *  so the entry chunk (the Prepare panel) does not pull in the 1,000-photo list or the labels. */
export const SAMPLE_SIZES = [50, 200, 1000] as const;

/** The mean size of a sample photo, measured on 62 of them (5.64 MB): for estimates only. */
export const PHOTO_BYTES_ESTIMATE = 91_000;
