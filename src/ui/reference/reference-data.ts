/**
 * The recorded full experiment (public/reference/acquisition-s10.json, written by
 * tools/experiment/reference.py from the PyTorch twin's runs): what the paper's comparison gives
 * on the whole benchmark, shown beside a live lesson so a class sees the real finding even when
 * it stops early. Types and a defensive reader (a bad or missing file shows nothing, never breaks the page).
 */
export interface Interval {
  mean: number;
  half: number;
  n: number;
}

export interface ReferenceEpoch {
  epoch: number;
  id: Interval;
  ood: Interval;
  loss: Interval;
  drift: Record<string, Interval>;
  gradNorm: Record<string, Interval>;
}

export interface ReferenceMethod {
  lr: number;
  seeds: number[];
  best: { id: Interval; ood: Interval };
  embedDrift: Interval;
  perEpoch: ReferenceEpoch[];
}

export interface Reference {
  title: string;
  about: string;
  model: string;
  benchmark: string;
  strength: number;
  trainImages: number;
  epochs: number;
  batchSize: number;
  methods: Record<string, ReferenceMethod>;
}

export const REFERENCE_FILE = 'reference/acquisition-s10.json';

const isInterval = (v: unknown): v is Interval =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Interval).mean === 'number' &&
  typeof (v as Interval).half === 'number';

/** The file's content if it has the shape the page reads; null otherwise. */
export function parseReference(raw: unknown): Reference | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Reference;
  if (typeof r.title !== 'string' || typeof r.methods !== 'object' || r.methods === null)
    return null;
  for (const m of Object.values(r.methods)) {
    if (
      !isInterval(m?.best?.id) ||
      !isInterval(m.best.ood) ||
      !isInterval(m.embedDrift) ||
      !Array.isArray(m.perEpoch)
    )
      return null;
    if (!m.perEpoch.every((e) => isInterval(e.id) && isInterval(e.ood))) return null;
  }
  return r;
}

/** "84.6 ± 0.8" in percent. */
export const pctInterval = (v: Interval): string =>
  `${(100 * v.mean).toFixed(1)} ± ${(100 * v.half).toFixed(1)}`;
