// One description of a network's shape, whichever way the lab asks for it: the paper's formula
// at φ, a released variant's published coefficients, or explicit width/depth/resolution
// multipliers over B0 (the scaling-methods race, own α/β/γ). Pure data, so the store can name it
// in a worker request and the model layer can build it.
import { formulaCoefficients, officialCoefficients, type ScalingCoefficients } from './coefficients';
import { scaleNetwork, type NetworkConfig } from './network';

export type Scaling =
  /** The formula network at φ; `resolution` feeds it smaller images (quick soak tests). */
  | { phi: number; resolution?: number }
  /** Official Bk's published coefficients. */
  | { variant: number }
  /** B0 grown by explicit multipliers, named for messages. */
  | { name: string; width: number; depth: number; resolution: number };

export function scalingCoefficients(s: Scaling): ScalingCoefficients {
  if ('variant' in s) return officialCoefficients(s.variant);
  if ('phi' in s) return s.resolution ? { ...formulaCoefficients(s.phi), resolution: s.resolution } : formulaCoefficients(s.phi);
  return { ...officialCoefficients(0), name: s.name, width: s.width, depth: s.depth, resolution: s.resolution, official: false };
}

export const scalingNetwork = (s: Scaling): NetworkConfig => scaleNetwork(scalingCoefficients(s));

/** A scaling's identity: equal strings build equal networks. */
export function scalingId(s: Scaling): string {
  if ('variant' in s) return `B${s.variant}`;
  if ('phi' in s) return `phi=${s.phi.toFixed(2)}:r=${s.resolution ?? 'formula'}`;
  return `w=${s.width.toFixed(4)}:d=${s.depth.toFixed(4)}:r=${s.resolution}`;
}
