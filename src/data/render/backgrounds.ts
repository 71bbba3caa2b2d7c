/**
 * The two backgrounds of the spurious-correlation benchmark ('land' and 'water', after
 * Waterbirds), with a strength knob: at strength 0 both are the same plain light grey; at 1
 * land is a saturated blotchy yellow-green and water a saturated rippled blue. In between,
 * colour and texture move together from the neutral towards the full look, so a subtle
 * background (low strength) is a weaker signal than the object.
 */
import type { DataRng } from '../data-rng';
import { hsv, inkOnPaper } from './colour';
import { lerpRgb, type Rgb, type RgbImage } from './rgb-image';
import { ripples, texturedField, valueNoise } from './texture';

export type BackgroundName = 'land' | 'water';
export const BACKGROUND_NAMES: readonly BackgroundName[] = ['land', 'water'];

const NEUTRAL: Rgb = [205, 205, 205];

export function background(name: BackgroundName, strength: number, rng: DataRng): RgbImage {
  const full =
    name === 'land'
      ? hsv(rng.range(0.12, 0.28), rng.range(0.45, 0.65), rng.range(0.7, 0.85))
      : hsv(rng.range(0.52, 0.64), rng.range(0.45, 0.65), rng.range(0.7, 0.85));
  const base = lerpRgb(NEUTRAL, full, strength);
  const shade: Rgb = [base[0] * 0.7, base[1] * 0.7, base[2] * 0.7];
  const field = name === 'land' ? valueNoise(rng, 4) : ripples(rng, rng.range(4, 7));
  return texturedField(base, shade, field, 0.6 * strength);
}

/** A dark, nearly neutral object on the background: grey [28, 28] is the object's alpha. */
export function objectOnBackground(grey: Uint8Array, bg: RgbImage, rng: DataRng): RgbImage {
  const ink = hsv(rng.next(), rng.range(0, 0.2), rng.range(0.12, 0.3));
  return inkOnPaper(grey, ink, bg);
}
