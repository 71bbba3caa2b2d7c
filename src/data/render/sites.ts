/**
 * Acquisition sites for the Camelyon-like benchmark: each site is a fixed "scanner + staining
 * protocol" with its own colour cast, sharpness, noise and contrast. The numbers are fixed
 * (not drawn from the seed) so site D is the same site in every run; `strength` scales how
 * far every site sits from the reference look.
 */
import type { DataRng } from '../data-rng';
import { inkOnPaper } from './colour';
import { addNoise, blur, colourMatrix, contrast } from './filters';
import type { Rgb, RgbImage } from './rgb-image';
import { texturedField, valueNoise } from './texture';

export interface Site {
  readonly name: string;
  readonly description: string;
  /** Colour transform at full strength, row-major [3, 3], and its bias. */
  readonly matrix: readonly number[];
  readonly bias: Rgb;
  readonly blurPasses: number;
  readonly noiseSigma: number;
  readonly contrast: number;
}

const I = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export const SITES: readonly Site[] = [
  {
    name: 'A',
    description: 'reference scanner: sharp, clean',
    matrix: I,
    bias: [0, 0, 0],
    blurPasses: 0,
    noiseSigma: 2,
    contrast: 1,
  },
  {
    name: 'B',
    description: 'bluish stain, slightly soft focus',
    matrix: [0.85, 0, 0.05, 0, 0.95, 0.05, 0.05, 0.05, 1.05],
    bias: [-5, 0, 20],
    blurPasses: 1,
    noiseSigma: 3,
    contrast: 1,
  },
  {
    name: 'C',
    description: 'pinker stain, grainy sensor',
    matrix: [1.05, 0.05, 0, 0, 0.85, 0, 0.05, 0, 0.95],
    bias: [20, -10, 5],
    blurPasses: 0,
    noiseSigma: 12,
    contrast: 1.05,
  },
  {
    name: 'D',
    description: 'faded, low-contrast slides',
    matrix: I,
    bias: [10, 10, 10],
    blurPasses: 0,
    noiseSigma: 4,
    contrast: 0.65,
  },
  {
    name: 'E',
    description: 'over-stained, brownish, blurred and noisy',
    matrix: [0.95, 0.1, 0, 0.05, 0.8, 0, 0, 0.05, 0.6],
    bias: [0, -10, -15],
    blurPasses: 2,
    noiseSigma: 8,
    contrast: 1.2,
  },
];

/** Reference stain: purple haematoxylin-like ink on pink eosin-like tissue. */
const INK: Rgb = [95, 40, 130];
const TISSUE: Rgb = [238, 200, 222];
const TISSUE_DARK: Rgb = [215, 160, 200];

/** Renders grey [28, 28] as seen at `site`, with small per-slide stain variation. */
export function renderAtSite(
  grey: Uint8Array,
  site: Site,
  strength: number,
  rng: DataRng,
): RgbImage {
  const jitter = (c: Rgb, a: number): Rgb => [
    c[0] + rng.range(-a, a),
    c[1] + rng.range(-a, a),
    c[2] + rng.range(-a, a),
  ];
  const tissue = texturedField(jitter(TISSUE, 6), TISSUE_DARK, valueNoise(rng, 5), 0.5);
  let img = inkOnPaper(grey, jitter(INK, 10), tissue);
  const m = site.matrix.map((v, i) => (I[i] as number) + (v - (I[i] as number)) * strength);
  colourMatrix(img, m, [site.bias[0] * strength, site.bias[1] * strength, site.bias[2] * strength]);
  contrast(img, 1 + (site.contrast - 1) * strength);
  img = blur(img, Math.round(site.blurPasses * strength));
  return addNoise(img, 2 + (site.noiseSigma - 2) * strength, rng);
}
