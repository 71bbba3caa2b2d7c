/**
 * Largest-Triangle-Three-Buckets decimation (Steinarsson 2013): keeps at most `max` points of
 * a line while preserving its visual shape (peaks and dips survive, unlike a plain stride).
 * Charts draw at most ~200 points a line, so a long run costs the same to draw as a short one;
 * the store and the data tables keep every recent step and a thinned sample of older ones
 * (store/method-history-bounds.ts).
 */

/** [x, y]: x = step, y = value. */
export type Point = readonly [number, number];

export function lttb(points: readonly Point[], max: number): Point[] {
  const n = points.length;
  if (n <= max) return [...points];
  if (max < 3) return [points[0] as Point, points[n - 1] as Point].slice(0, Math.max(0, max));
  const out: Point[] = [points[0] as Point];
  // Buckets between the fixed first and last points.
  const size = (n - 2) / (max - 2);
  let a = 0;
  for (let i = 0; i < max - 2; i++) {
    // The next bucket's average is the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * size) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * size) + 1, n);
    let ax = 0;
    let ay = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      ax += (points[j] as Point)[0];
      ay += (points[j] as Point)[1];
    }
    const cnt = Math.max(1, nextEnd - nextStart);
    ax /= cnt;
    ay /= cnt;
    const [px, py] = points[a] as Point;
    let best = -1;
    let bestIdx = Math.floor(i * size) + 1;
    for (let j = Math.floor(i * size) + 1; j < Math.floor((i + 1) * size) + 1; j++) {
      const [x, y] = points[j] as Point;
      const area = Math.abs((px - ax) * (y - py) - (px - x) * (ay - py));
      if (area > best) {
        best = area;
        bestIdx = j;
      }
    }
    out.push(points[bestIdx] as Point);
    a = bestIdx;
  }
  out.push(points[n - 1] as Point);
  return out;
}

/** Points with a finite y (and y > 0 for log axes); nulls are gaps, drawn as breaks. */
export function finitePoints(
  xs: readonly number[],
  ys: readonly (number | null | undefined)[],
  positive = false,
): Point[] {
  const out: Point[] = [];
  xs.forEach((x, i) => {
    const y = ys[i];
    if (y !== null && y !== undefined && Number.isFinite(y) && (!positive || y > 0))
      out.push([x, y]);
  });
  return out;
}
