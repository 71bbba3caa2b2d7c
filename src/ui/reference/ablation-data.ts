/**
 * The paper's ablation table at micro scale, recorded (public/reference/ablation.json, written by
 * tools/torch_twin/experiment/ablation.py from the PyTorch twin's runs; docs/results.md, "The
 * paper's ablation table"). Types and a defensive reader: a bad or missing file shows nothing.
 */
import type { Interval } from './reference-data';

/** One method as the paper reports it (CLIP ViT-B/16, OOD averaged over five benchmarks). */
export interface AblationMethod {
  id: string;
  label: string;
  /** The paper's OOD accuracy in percent; null where the paper has no such row. */
  paperOod: number | null;
  paperId: number | null;
}

/** One method's recorded result on one benchmark: accuracies as fractions, best-ID epoch. */
export interface AblationRow {
  lr: number;
  seeds: number[];
  /** 'twin': run for this table; 'reference': the recorded full experiment's row, same rule. */
  source: 'twin' | 'reference';
  ood: Interval;
  id: Interval;
  embedDrift: Interval;
}

export interface AblationBenchmark {
  name: string;
  title: string;
  rows: Record<string, AblationRow>;
  /** Methods that ran but are not reported (fewer than five seeds done), with how far they got. */
  notFinished?: Record<string, string>;
}

/** One of the paper's orderings; per benchmark whether it reproduced (null: not run) and how. */
export interface AblationOrdering {
  claim: string;
  on: Record<string, { holds: boolean | null; words: string }>;
}

export interface Ablation {
  title: string;
  about: string;
  model: string;
  methods: AblationMethod[];
  benchmarks: AblationBenchmark[];
  orderings: AblationOrdering[];
}

export const ABLATION_FILE = 'reference/ablation.json';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isInterval = (v: unknown): v is Interval =>
  isObj(v) && typeof v.mean === 'number' && typeof v.half === 'number' && typeof v.n === 'number';
const isNumOrNull = (v: unknown): boolean => v === null || typeof v === 'number';

function isRow(v: unknown): v is AblationRow {
  return (
    isObj(v) &&
    typeof v.lr === 'number' &&
    Array.isArray(v.seeds) &&
    isInterval(v.ood) &&
    isInterval(v.id) &&
    isInterval(v.embedDrift)
  );
}

function isMethod(v: unknown): v is AblationMethod {
  return (
    isObj(v) &&
    typeof v.id === 'string' &&
    typeof v.label === 'string' &&
    isNumOrNull(v.paperOod) &&
    isNumOrNull(v.paperId)
  );
}

/** Absent, or words per method id. */
const isWords = (v: unknown): boolean =>
  v === undefined || (isObj(v) && Object.values(v).every((w) => typeof w === 'string'));

function isBenchmark(v: unknown): v is AblationBenchmark {
  return (
    isObj(v) &&
    typeof v.name === 'string' &&
    typeof v.title === 'string' &&
    isObj(v.rows) &&
    Object.values(v.rows).every(isRow) &&
    isWords(v.notFinished)
  );
}

function isOrdering(v: unknown): v is AblationOrdering {
  return (
    isObj(v) &&
    typeof v.claim === 'string' &&
    isObj(v.on) &&
    Object.values(v.on).every((o) => isObj(o) && typeof o.words === 'string')
  );
}

/** The file's content if it has the shape the page reads; null otherwise. */
export function parseAblation(raw: unknown): Ablation | null {
  if (!isObj(raw) || typeof raw.title !== 'string' || typeof raw.about !== 'string') return null;
  const { methods, benchmarks, orderings } = raw;
  if (!Array.isArray(methods) || !methods.every(isMethod)) return null;
  if (!Array.isArray(benchmarks) || !benchmarks.every(isBenchmark)) return null;
  if (!Array.isArray(orderings) || !orderings.every(isOrdering)) return null;
  return raw as unknown as Ablation;
}
