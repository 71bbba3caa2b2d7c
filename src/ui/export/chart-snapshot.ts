/**
 * The pure half of "a chart as PNG": which pictures of a chart's figure go where on the image,
 * how an <svg> becomes standalone markup (its theme colours inlined, its size explicit), and
 * how to recognise a PNG. The DOM half (chart-png.ts) measures the page and draws.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Placed<T> {
  part: T;
  /** Where to draw, in image pixels. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout<T> {
  width: number;
  height: number;
  placed: Placed<T>[];
}

/**
 * Places the figure's pictures (svgs and canvases) as they sit on the page, below a title
 * band, at `scale` (2: crisp on a projector). Zero-sized parts (a defs-only svg) are skipped.
 */
export function layoutParts<T>(
  parts: readonly { part: T; rect: Rect }[],
  scale: number,
  titleHeight: number,
  pad = 8,
): Layout<T> {
  const seen = parts.filter((p) => p.rect.width > 0 && p.rect.height > 0);
  if (!seen.length) return { width: 0, height: 0, placed: [] };
  const left = Math.min(...seen.map((p) => p.rect.x));
  const top = Math.min(...seen.map((p) => p.rect.y));
  const right = Math.max(...seen.map((p) => p.rect.x + p.rect.width));
  const bottom = Math.max(...seen.map((p) => p.rect.y + p.rect.height));
  const placed = seen.map(({ part, rect }) => ({
    part,
    x: Math.round((rect.x - left + pad) * scale),
    y: Math.round((rect.y - top + pad + titleHeight) * scale),
    width: Math.round(rect.width * scale),
    height: Math.round(rect.height * scale),
  }));
  return {
    width: Math.ceil((right - left + 2 * pad) * scale),
    height: Math.ceil((bottom - top + 2 * pad + titleHeight) * scale),
    placed,
  };
}

/** The computed properties that carry an svg's look once it leaves the page's stylesheet. */
export const INLINED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/** The little of the DOM that inlining needs (so a test can hand in plain objects). */
export interface StyledNode {
  readonly children: ArrayLike<StyledNode>;
  /** The inline style, written through the CSSOM (`style.cssText`), not setAttribute('style'):
   * the site's Content-Security-Policy refuses style attributes (tools/build/csp.ts), not the
   * CSSOM, and the serialised markup carries the style attribute either way. */
  readonly style: { cssText: string };
}

/**
 * Copies the computed look of `original` and its descendants onto `clone` (same shape) as
 * inline styles: CSS rules and theme variables (`fill: currentColor`, dark theme) do not
 * travel with serialised markup, so without this the exported text and grid would be black.
 */
export function inlineStyles(
  original: StyledNode,
  clone: StyledNode,
  styleOf: (n: StyledNode) => { getPropertyValue(p: string): string },
): void {
  const s = styleOf(original);
  const decl = INLINED.map((p) => [p, s.getPropertyValue(p)] as const)
    .filter(([, v]) => v !== '')
    .map(([p, v]) => `${p}:${v}`)
    .join(';');
  if (decl) clone.style.cssText = decl;
  const n = Math.min(original.children.length, clone.children.length);
  for (let i = 0; i < n; i++)
    inlineStyles(original.children[i] as StyledNode, clone.children[i] as StyledNode, styleOf);
}

/** Serialised svg markup -> a standalone document an <img> can load: namespace and pixel size set. */
export function standaloneSvg(markup: string, width: number, height: number): string {
  const open = /^<svg\b[^>]*>/.exec(markup.trim());
  if (!open) throw new Error('not an <svg> element');
  let tag = open[0].replace(/\s(width|height)="[^"]*"/g, '');
  if (!/\sxmlns=/.test(tag)) tag = tag.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  tag = tag.replace(/^<svg/, `<svg width="${width}" height="${height}"`);
  return tag + markup.trim().slice(open[0].length);
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Width and height from a PNG's IHDR chunk (big-endian at bytes 16..23). */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  if (!isPng(bytes) || bytes.length < 24) throw new Error('not a PNG');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

export function chartFilename(chartId: string, stamp: string): string {
  return `chart-${chartId.replace(/[^a-z0-9-]/gi, '_')}-${stamp}.png`;
}
