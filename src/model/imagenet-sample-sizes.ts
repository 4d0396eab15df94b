/** How many ImageNet sample photos a run or a prepared class can take. Its own module so the
 *  entry chunk (the Prepare panel's state) does not pull in the 1,000-photo list or the labels. */
export const SAMPLE_SIZES = [50, 200, 1000] as const;
