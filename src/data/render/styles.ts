/**
 * Named rendering styles that turn a grey base image into an RGB picture, used by the style
 * benchmark and the pretraining pool. Each style has randomness of its own (ink and paper
 * colours, paper grain), drawn from the rng passed in, so a style is a distribution, not a
 * filter. All styles keep the object where the grey image has ink.
 */
import type { DataRng } from '../data-rng';
import { hsv, inkOnPaper } from './colour';
import { blur, edges } from './filters';
import { PIXELS, newRgb, type Rgb, type RgbImage } from './rgb-image';
import { texturedField, valueNoise } from './texture';

export type StyleName = 'grey' | 'inverted' | 'real' | 'sketch' | 'painting' | 'neon';
export const STYLE_NAMES: readonly StyleName[] = [
  'grey',
  'inverted',
  'real',
  'sketch',
  'painting',
  'neon',
];

export interface StyleOptions {
  /** Hue range of the ink, [lo, hi) in turns (0..1, may wrap past 1); default: any hue. */
  readonly hue?: readonly [number, number];
}

export const STYLE_DESCRIPTIONS: Readonly<Record<StyleName, string>> = {
  grey: 'white ink on black, the raw MNIST look',
  inverted: 'black ink on white paper',
  real: 'dark coloured ink on light, slightly blotchy paper (the "photo" domain)',
  sketch: 'pencil outlines (Sobel edges) on white paper',
  painting: 'saturated brush-textured paint on a coloured, textured canvas, softened',
  neon: 'bright glowing ink on a near-black background',
};

const hueIn = (rng: DataRng, o: StyleOptions): number =>
  o.hue === undefined ? rng.next() : rng.range(o.hue[0], o.hue[1]);

function grey(g: Uint8Array, rng: DataRng): RgbImage {
  const ink = 235 + rng.next() * 20;
  return inkOnPaper(g, [ink, ink, ink], [0, 0, 0]);
}

function inverted(g: Uint8Array, rng: DataRng): RgbImage {
  const paper = 235 + rng.next() * 20;
  return inkOnPaper(g, [10, 10, 10], [paper, paper, paper]);
}

function real(g: Uint8Array, rng: DataRng, o: StyleOptions): RgbImage {
  const ink = hsv(hueIn(rng, o), rng.range(0.5, 0.9), rng.range(0.2, 0.55));
  const paperBase = hsv(rng.next(), rng.range(0.03, 0.15), rng.range(0.82, 0.96));
  const paperShade: Rgb = [paperBase[0] * 0.85, paperBase[1] * 0.85, paperBase[2] * 0.85];
  const paper = texturedField(paperBase, paperShade, valueNoise(rng, 3), 0.5);
  return inkOnPaper(g, ink, paper);
}

function sketch(g: Uint8Array, rng: DataRng): RgbImage {
  const e = edges(g);
  const line = rng.range(40, 90);
  const pencil: Rgb = [line, line, line + 12];
  const paper = 238 + rng.next() * 14;
  const out = newRgb();
  for (let p = 0; p < PIXELS; p++) {
    const a = Math.min(1, (e[p] as number) * 1.6);
    for (let k = 0; k < 3; k++) out[p * 3 + k] = paper + ((pencil[k] as number) - paper) * a;
  }
  return out;
}

function painting(g: Uint8Array, rng: DataRng, o: StyleOptions): RgbImage {
  const paint = hsv(hueIn(rng, o), rng.range(0.6, 1), rng.range(0.55, 0.9));
  const paintDark: Rgb = [paint[0] * 0.6, paint[1] * 0.6, paint[2] * 0.6];
  const canvasBase = hsv(rng.next(), rng.range(0.25, 0.55), rng.range(0.45, 0.75));
  const canvasDark: Rgb = [canvasBase[0] * 0.7, canvasBase[1] * 0.7, canvasBase[2] * 0.7];
  const canvas = texturedField(canvasBase, canvasDark, valueNoise(rng, 9), 0.6);
  const brush = texturedField(paint, paintDark, valueNoise(rng, 7), 0.7);
  const out = newRgb();
  for (let p = 0; p < PIXELS; p++) {
    const a = (g[p] as number) / 255;
    for (let k = 0; k < 3; k++) {
      const c = canvas[p * 3 + k] as number;
      out[p * 3 + k] = c + ((brush[p * 3 + k] as number) - c) * a;
    }
  }
  return blur(out, 1);
}

function neon(g: Uint8Array, rng: DataRng, o: StyleOptions): RgbImage {
  const ink = hsv(hueIn(rng, o), rng.range(0.7, 1), 1);
  const dark = rng.range(8, 30);
  const sharp = inkOnPaper(g, ink, [0, 0, 0]);
  const glow = blur(sharp, 3);
  const out = newRgb();
  for (let i = 0; i < out.length; i++)
    out[i] = dark + (sharp[i] as number) * 0.8 + (glow[i] as number) * 0.6;
  return out;
}

/** Renders `g` ([28, 28] uint8) in style `name`; returns [28, 28, 3] floats. */
export function renderStyle(
  name: StyleName,
  g: Uint8Array,
  rng: DataRng,
  options: StyleOptions = {},
): RgbImage {
  switch (name) {
    case 'grey':
      return grey(g, rng);
    case 'inverted':
      return inverted(g, rng);
    case 'real':
      return real(g, rng, options);
    case 'sketch':
      return sketch(g, rng);
    case 'painting':
      return painting(g, rng, options);
    case 'neon':
      return neon(g, rng, options);
  }
}
