/**
 * A small picture from RGBA bytes (filter tiles, heatmap cells): one canvas, drawn after
 * commit with putImageData, shown at `cssScale` with crisp pixels. Cheap: no DOM per pixel.
 */
import { memo, useEffect, useRef } from 'react';
import type { Rgba } from './filter-pixels';

export const RgbaCanvas = memo(function RgbaCanvas({
  image,
  label,
  cssScale = 1,
}: {
  image: Rgba;
  label: string;
  cssScale?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || !image.width || !image.height) return;
    ctx.putImageData(
      new ImageData(new Uint8ClampedArray(image.data), image.width, image.height),
      0,
      0,
    );
  }, [image]);
  return (
    <canvas
      ref={ref}
      className="pixels"
      role="img"
      aria-label={label}
      width={image.width}
      height={image.height}
      style={{ width: image.width * cssScale, height: image.height * cssScale }}
    />
  );
});
