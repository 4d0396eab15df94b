/** Largest |a − b| over two equally long arrays (Infinity when the lengths differ): the one
 *  comparison of two networks' outputs, for parity tests, the kernels' check and the bench. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
