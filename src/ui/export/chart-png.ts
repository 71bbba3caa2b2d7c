/**
 * A live chart as a PNG: the svg (recharts) and canvas (heatmap, filter pictures) parts of the
 * chart's figure (`[data-chart=<id>]`) drawn where they sit on the page onto an offscreen
 * canvas, at twice the screen's size, over the page's background, under the chart's title.
 */
import {
  inlineStyles,
  layoutParts,
  standaloneSvg,
  svgDataUrl,
  type StyledNode,
} from './chart-snapshot';

const SCALE = 2;
const TITLE = 24; // px of title band above the pictures

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the chart picture could not be drawn'));
    img.src = url;
  });
}

/** An svg with its computed look inlined and the defs it borrows from sibling svgs (hatch patterns). */
function svgImage(svg: SVGSVGElement, figure: Element): Promise<HTMLImageElement> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg as unknown as StyledNode, clone as unknown as StyledNode, (n) =>
    getComputedStyle(n as unknown as Element),
  );
  for (const defs of figure.querySelectorAll('svg defs'))
    if (!svg.contains(defs)) clone.prepend(defs.cloneNode(true));
  const r = svg.getBoundingClientRect();
  return loadImage(
    svgDataUrl(standaloneSvg(new XMLSerializer().serializeToString(clone), r.width, r.height)),
  );
}

export async function chartPng(chartId: string, root: ParentNode = document): Promise<Blob> {
  const find = (): Element | null => root.querySelector(`[data-chart="${chartId}"]`);
  // A chart off screen keeps what it last drew (features/charts/on-screen.tsx): bring it on
  // screen for a few frames so it draws the newest data, then put the page back where it was.
  const back = { x: window.scrollX, y: window.scrollY };
  find()?.scrollIntoView({ block: 'center' });
  for (let i = 0; i < 8; i++) await new Promise((r) => requestAnimationFrame(r));
  const figure = find();
  if (!figure) throw new Error(`the ${chartId} chart is not on the page (tick "show live charts")`);
  // Outermost pictures only (an svg inside another is drawn with it); a defs-only svg has no size.
  const parts = [
    ...figure.querySelectorAll<SVGSVGElement | HTMLCanvasElement>('svg:not(.defs-only), canvas'),
  ].filter((el, _, all) => !all.some((o) => o !== el && o.contains(el)));
  const layout = layoutParts(
    parts.map((el) => ({ part: el, rect: el.getBoundingClientRect() })),
    SCALE,
    TITLE,
  );
  window.scrollTo(back.x, back.y); // measured on screen; the drawing below needs no viewport
  if (!layout.placed.length) throw new Error(`the ${chartId} chart has nothing drawn yet`);
  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas in this browser');
  const page = getComputedStyle(document.body);
  ctx.fillStyle = page.backgroundColor || '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = page.color || '#000000';
  ctx.font = `600 ${13 * SCALE}px ${page.fontFamily || 'sans-serif'}`;
  ctx.textBaseline = 'top';
  ctx.fillText(
    figure.querySelector('figcaption')?.textContent ?? chartId,
    8 * SCALE,
    6 * SCALE,
    canvas.width - 16 * SCALE,
  );
  for (const p of layout.placed) {
    const src = p.part instanceof HTMLCanvasElement ? p.part : await svgImage(p.part, figure);
    // Canvases of pixel pictures stay sharp when scaled up.
    ctx.imageSmoothingEnabled = !(p.part instanceof HTMLCanvasElement);
    ctx.drawImage(src, p.x, p.y, p.width, p.height);
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))),
      'image/png',
    ),
  );
}

/** The charts on the page now, with their titles (the export's choices). */
export function chartsOnPage(root: ParentNode = document): { id: string; title: string }[] {
  return [...root.querySelectorAll<HTMLElement>('[data-chart]')]
    .map((f) => ({
      id: f.dataset.chart ?? '',
      title: f.querySelector('figcaption')?.textContent ?? f.dataset.chart ?? '',
    }))
    .filter((c) => c.id);
}
