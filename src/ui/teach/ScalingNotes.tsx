/** Plain-language "why balance the three dimensions" notes (paper §3.2, Figs. 3, 4 and 8). */
import { BASE_RESOLUTION } from '../../scaling';

/** Paper Fig. 3: accuracy gains flatten around r = 2.5 (relative to the base input). */
const RESOLUTION_SATURATION = 2.5;

export function ScalingNotes() {
  return (
    <ul className="teach-notes" data-testid="teach-notes">
      <li>
        <strong>Deeper only</strong> — more layers learn richer features, but the returns vanish: ResNet-1000 is about as accurate as ResNet-101 despite ten
        times the layers (and is much harder to train).
      </li>
      <li>
        <strong>Wider only</strong> — more channels per layer capture fine-grained patterns and train easily, but wide, shallow networks miss higher-level
        features, so accuracy saturates quickly (paper Fig. 3).
      </li>
      <li>
        <strong>Higher resolution only</strong> — a bigger image shows finer detail, but beyond about r = {RESOLUTION_SATURATION} (≈
        {RESOLUTION_SATURATION * BASE_RESOLUTION} px) the extra pixels add little accuracy.
      </li>
      <li>
        <strong>The dimensions depend on each other</strong> — a larger image needs more layers to grow the receptive field and more channels to hold its finer
        patterns; width scaling pays off far more on a deeper, higher-resolution network (Fig. 4).
      </li>
      <li>
        <strong>Balanced scaling wins</strong> — growing depth, width and resolution together in the ratio α : β : γ gives the best accuracy per FLOP: scaling
        B0 by the compound rule beats depth-, width- or resolution-only scaling by up to about 2.5 % top-1 at the same FLOPs (Fig. 8).
      </li>
    </ul>
  );
}
