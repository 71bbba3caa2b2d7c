import { describe, expect, it } from 'vitest';
import {
  fromTorchPerm,
  permute,
  toTorchPerm,
  torchShape,
  type Layout,
} from '../../../src/spec/param-spec';

describe('tfjs <-> PyTorch layouts', () => {
  it('conv HWIO -> OIHW moves the right element', () => {
    // tfjs [kh=2, kw=3, I=4, O=5]; element (h, w, i, o) = h*1000 + w*100 + i*10 + o
    const shape = [2, 3, 4, 5];
    const data = new Float32Array(120);
    for (let h = 0; h < 2; h++)
      for (let w = 0; w < 3; w++)
        for (let i = 0; i < 4; i++)
          for (let o = 0; o < 5; o++)
            data[((h * 3 + w) * 4 + i) * 5 + o] = h * 1000 + w * 100 + i * 10 + o;
    const t = permute(data, shape, toTorchPerm('conv', 4)); // torch [5, 4, 2, 3]
    expect(torchShape({ shape, layout: 'conv' })).toEqual([5, 4, 2, 3]);
    // torch index (o=3, i=2, h=1, w=0)
    expect(t[((3 * 4 + 2) * 2 + 1) * 3 + 0]).toBe(1000 + 0 + 20 + 3);
  });

  it.each<[Layout, number[]]>([
    ['linear', [3, 7]],
    ['conv', [3, 3, 2, 4]],
    ['dwconv', [7, 7, 6, 1]],
    ['plain', [1, 5, 8]],
  ])('%s round-trips', (layout, shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = Float32Array.from({ length: n }, (_, i) => i);
    const torch = permute(data, shape, toTorchPerm(layout, shape.length));
    const back = permute(torch, torchShape({ shape, layout }), fromTorchPerm(layout, shape.length));
    expect(Array.from(back)).toEqual(Array.from(data));
  });
});
