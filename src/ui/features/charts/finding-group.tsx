/**
 * The live charts grouped by the paper's three findings (#22), each group opening with one
 * sentence: (1) AdamW beats SGD, mostly out of distribution: loss, accuracy, the recorded full
 * experiment; (2) the embedding layer's gradients are much larger: gradient norms, their ratio,
 * per layer, how far each layer moved, the filters; (3) freezing the embedding lets SGD match
 * AdamW with less memory: memory per method. A group is a grid row of its own, so its heading
 * spans the charts grid. The charts a class needs least (per-layer bars, the heatmap, the filter
 * pictures) fold under a "More" line (MoreCharts), so every group starts within ten screens at
 * 1280x720 after a run; they stay mounted there (fixed-size charts draw while folded), and the
 * guide unfolds a chart it points at (guided-target.ts).
 */
import type { ReactNode } from 'react';

export const FINDINGS = {
  1: {
    title: 'Finding 1: AdamW beats SGD, mostly on shifted images',
    sentence:
      'Compare the dashed (OOD) lines: the paper found the methods closer on images like the training ones than on shifted ones.',
  },
  2: {
    title: 'Finding 2: the first (embedding) layer gets much larger gradients',
    sentence:
      'SGD moves each weight in proportion to its gradient, so it changes the embedding the most; AdamW rescales every step and does not.',
  },
  3: {
    title: 'Finding 3: freeze the embedding, and SGD matches AdamW with less memory',
    sentence:
      'AdamW keeps two extra numbers per weight and SGD with momentum one; a frozen layer keeps none, not even a gradient.',
  },
} as const;

export function FindingGroup({ n, children }: { n: keyof typeof FINDINGS; children: ReactNode }) {
  const f = FINDINGS[n];
  return (
    <section className="finding" data-finding={n} aria-labelledby={`finding-${n}-h`}>
      <h3 id={`finding-${n}-h`}>{f.title}</h3>
      <p className="finding-lede">{f.sentence}</p>
      <div className="finding-charts">{children}</div>
    </section>
  );
}

/** Charts folded under one line inside a group (they span its grid and lay out in their own). */
export function MoreCharts({ label, children }: { label: string; children: ReactNode }) {
  return (
    <details className="finding-more">
      <summary>{label}</summary>
      <div className="finding-charts">{children}</div>
    </details>
  );
}
