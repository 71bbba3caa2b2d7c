import { describe, expect, it } from 'vitest';
import {
  chartFilename,
  inlineStyles,
  isPng,
  layoutParts,
  pngSize,
  standaloneSvg,
  type StyledNode,
} from '../../../src/ui/export/chart-snapshot';

/** A tiny stand-in for DOM elements: children, an inline style, a "computed" style. */
class Fake implements StyledNode {
  style = { cssText: '' };
  constructor(
    public computed: Record<string, string>,
    public children: Fake[] = [],
  ) {}
}
const copy = (f: Fake): Fake => new Fake({}, f.children.map(copy));

describe('chart as PNG: the pure parts', () => {
  it('places the pictures as on the page, below the title, at scale 2; skips zero-sized ones', () => {
    const l = layoutParts(
      [
        { part: 'svg', rect: { x: 100, y: 50, width: 420, height: 220 } },
        { part: 'defs', rect: { x: 0, y: 0, width: 0, height: 0 } },
        { part: 'canvas', rect: { x: 100, y: 280, width: 40, height: 30 } },
      ],
      2,
      24,
      8,
    );
    expect(l.placed.map((p) => p.part)).toEqual(['svg', 'canvas']);
    expect(l.placed[0]).toMatchObject({ x: 16, y: 64, width: 840, height: 440 });
    expect(l.placed[1]).toMatchObject({ x: 16, y: 64 + 460, width: 80, height: 60 });
    expect(l).toMatchObject({ width: (420 + 16) * 2, height: (260 + 16 + 24) * 2 });
    expect(layoutParts([], 2, 24).placed).toEqual([]);
  });

  it('inlines the computed look onto the clone, element by element', () => {
    const orig = new Fake({ fill: 'rgb(232, 232, 232)', 'font-size': '11px' }, [
      new Fake({ stroke: 'rgb(0, 114, 178)', 'stroke-dasharray': '4 3' }),
      new Fake({}),
    ]);
    const clone = copy(orig);
    inlineStyles(orig, clone, (n) => ({ getPropertyValue: (p) => (n as Fake).computed[p] ?? '' }));
    expect(clone.style.cssText).toBe('fill:rgb(232, 232, 232);font-size:11px');
    expect(clone.children[0]?.style.cssText).toBe('stroke:rgb(0, 114, 178);stroke-dasharray:4 3');
    expect(clone.children[1]?.style.cssText).toBe('');
  });

  it('makes standalone svg markup: namespace and pixel size', () => {
    const s = standaloneSvg(
      '<svg class="recharts-surface" width="100%" height="220" viewBox="0 0 420 220"><path d="M0 0"/></svg>',
      420,
      220,
    );
    expect(s).toBe(
      '<svg width="420" height="220" xmlns="http://www.w3.org/2000/svg" class="recharts-surface" viewBox="0 0 420 220"><path d="M0 0"/></svg>',
    );
    expect(standaloneSvg('<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>', 1, 2)).toBe(
      '<svg width="1" height="2" xmlns="http://www.w3.org/2000/svg"><g/></svg>',
    );
    expect(() => standaloneSvg('<canvas/>', 1, 1)).toThrow(/svg/);
  });

  it('recognises a PNG and reads its size; names the file', () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 3, 104, 0,
      0, 1, 184, 8, 6,
    ]);
    expect(isPng(png)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 872, height: 440 });
    expect(isPng(new TextEncoder().encode('GIF89a..'))).toBe(false);
    expect(chartFilename('memory', '2026-01-01-10-00-00')).toBe(
      'chart-memory-2026-01-01-10-00-00.png',
    );
  });
});
