/** What each official variant's converted export weighs: the float32 shard bytes and the
 *  model.json bytes of the genuine TF Hub conversions (the pinned exports and the synthetic ones
 *  share the layout). Facts read off the manifests; weight-sizes.test.ts in src/model checks them. */
export const SHARD_BYTES_OF = [21070236, 31052724, 36304924, 48758420, 77116148, 121213748, 171714036, 264770484] as const;
export const MODEL_JSON_BYTES_OF = [193674, 276339, 276363, 311441, 381591, 464238, 534992, 650944] as const;

/** Bytes a download of variant k fetches (model.json and every shard). */
export function downloadBytes(k: number): number {
  return SHARD_BYTES_OF[k] + MODEL_JSON_BYTES_OF[k];
}
