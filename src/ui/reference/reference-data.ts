/**
 * The recorded full experiment (public/reference/acquisition-s10.json, written by
 * tools/torch_twin/experiment/reference.py from the PyTorch twin's runs): what the paper's
 * comparison gives on the whole benchmark, shown beside a live lesson so a class sees the real
 * finding even when it stops early. Pooled mean ± 90% interval per method and, in newer
 * recordings, each seed's numbers. Types and a defensive reader (a bad or missing file shows
 * nothing, never breaks the page).
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

/** One recorded seed: the best-ID epoch's accuracies in [0, 1] and the embedding's drift at the end. */
export interface ReferenceSeed {
  seed: number;
  id: number;
  ood: number;
  embedDrift: number;
}

export interface ReferenceMethod {
  lr: number;
  seeds: number[];
  best: { id: Interval; ood: Interval };
  embedDrift: Interval;
  perEpoch: ReferenceEpoch[];
  /** Each seed's numbers, ascending by seed; absent in recordings made before it was kept. */
  perSeed?: ReferenceSeed[];
  /** Set when the file's perSeed was malformed: what was wrong (perSeed is then left out, the pooled numbers kept). */
  perSeedProblem?: string;
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

const isUnit = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;

/** What is wrong with a method's perSeed (null when it reads): entries, seeds unique and among `seeds`, one per seed. */
export function perSeedProblem(perSeed: unknown, seeds: readonly number[]): string | null {
  if (!Array.isArray(perSeed)) return 'perSeed is not a list';
  const seen = new Set<number>();
  for (const [k, e] of perSeed.entries()) {
    const s = e as Partial<ReferenceSeed> | null;
    if (typeof s !== 'object' || s === null) return `perSeed[${k}] is not an object`;
    if (!Number.isInteger(s.seed)) return `perSeed[${k}].seed is not an integer`;
    if (!seeds.includes(s.seed as number)) return `perSeed[${k}]: seed ${s.seed} is not in seeds`;
    if (seen.has(s.seed as number)) return `perSeed[${k}]: seed ${s.seed} appears twice`;
    seen.add(s.seed as number);
    for (const f of ['id', 'ood'] as const)
      if (!isUnit(s[f])) return `perSeed[${k}].${f} is not an accuracy in [0, 1]`;
    if (typeof s.embedDrift !== 'number' || !(s.embedDrift >= 0))
      return `perSeed[${k}].embedDrift is not a number ≥ 0`;
  }
  return seen.size === seeds.length
    ? null
    : `perSeed has ${seen.size} seeds, seeds lists ${seeds.length}`;
}

/**
 * The file's content if it has the shape the page reads; null otherwise. A malformed perSeed
 * does not lose the rest: that method keeps its pooled numbers, without perSeed, and says why
 * in perSeedProblem.
 */
export function parseReference(raw: unknown): Reference | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Reference;
  if (typeof r.title !== 'string' || typeof r.methods !== 'object' || r.methods === null)
    return null;
  const methods: Record<string, ReferenceMethod> = {};
  for (const [id, m] of Object.entries(r.methods)) {
    if (
      !isInterval(m?.best?.id) ||
      !isInterval(m.best.ood) ||
      !isInterval(m.embedDrift) ||
      !Array.isArray(m.perEpoch)
    )
      return null;
    if (!m.perEpoch.every((e) => isInterval(e.id) && isInterval(e.ood))) return null;
    const problem =
      m.perSeed === undefined
        ? null
        : perSeedProblem(m.perSeed, Array.isArray(m.seeds) ? m.seeds : []);
    if (problem === null) methods[id] = m;
    else {
      const { perSeed: _dropped, ...kept } = m;
      methods[id] = { ...kept, perSeedProblem: `${id}: ${problem}` };
    }
  }
  return { ...r, methods };
}

/** "84.6 ± 0.8" in percent. */
export const pctInterval = (v: Interval): string =>
  `${(100 * v.mean).toFixed(1)} ± ${(100 * v.half).toFixed(1)}`;
