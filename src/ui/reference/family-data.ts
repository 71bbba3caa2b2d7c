/**
 * The checkpoint family of issue #20, recorded (public/reference/family.json, a byte copy of
 * docs/results/family.json, written by tools/torch_twin/pretrain/family_report.py from the
 * PyTorch twin's runs): per checkpoint its embedding-gradient ratio at the start of fine-tuning
 * and, where measured, AdamW's OOD lead over SGD with its 90% interval; and Spearman's
 * correlation between the two over the family. Types and a defensive reader: a bad or missing
 * file shows nothing. Gaps are in accuracy points (0-100), ratios raw L2 (the paper's statistic).
 */

/** A mean over seeds with its 90% interval [lo, hi], in points. */
export interface FamilyInterval {
  mean: number;
  lo: number;
  hi: number;
  n: number;
}

export interface FamilyRatio {
  /** First layer / largest middle layer, raw L2 gradient norms (the paper's statistic). */
  raw: number;
  rawRange: [number, number];
  rms: number;
  maxMiddleLayer?: string;
}

export interface FamilyGaps {
  adamwMinusSgd: FamilyInterval;
  freezeMinusAdamw: FamilyInterval;
}

export interface FamilyRow {
  name: string;
  /** 'shipped': one of public/models; 'family': public/models/family. */
  kind: string;
  /** The declared design's id (F1...) and what it varies, for family members. */
  design?: string;
  lever?: string;
  ratio: FamilyRatio;
  /** null (or absent in the file): the gap was not measured for this checkpoint (drawn on the ratio axis only). */
  gaps: FamilyGaps | null;
}

export interface FamilyCorrelation {
  rho: number;
  ci90: [number, number];
  n: number;
  what: string;
}

export interface FamilyResults {
  about: string;
  seeds: number[];
  data: string;
  rows: FamilyRow[];
  correlation: FamilyCorrelation | null;
}

export const FAMILY_FILE = 'reference/family.json';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPair = (v: unknown): v is [number, number] =>
  Array.isArray(v) && v.length === 2 && v.every(isNum);
const optStr = (v: unknown): boolean => v === undefined || typeof v === 'string';

const isInterval = (v: unknown): v is FamilyInterval =>
  isObj(v) && isNum(v.mean) && isNum(v.lo) && isNum(v.hi) && isNum(v.n) && v.lo <= v.hi;

function isRatio(v: unknown): v is FamilyRatio {
  return (
    isObj(v) &&
    isNum(v.raw) &&
    v.raw > 0 &&
    isPair(v.rawRange) &&
    isNum(v.rms) &&
    optStr(v.maxMiddleLayer)
  );
}

function isRow(v: unknown): v is FamilyRow {
  if (
    !isObj(v) ||
    typeof v.name !== 'string' ||
    typeof v.kind !== 'string' ||
    !optStr(v.design) ||
    !optStr(v.lever) ||
    !isRatio(v.ratio)
  )
    return false;
  return (
    v.gaps === null ||
    v.gaps === undefined ||
    (isObj(v.gaps) && isInterval(v.gaps.adamwMinusSgd) && isInterval(v.gaps.freezeMinusAdamw))
  );
}

function isCorrelation(v: unknown): v is FamilyCorrelation {
  return isObj(v) && isNum(v.rho) && isPair(v.ci90) && isNum(v.n) && typeof v.what === 'string';
}

/** The file's content, keeping only the fields the page reads, if it has their shape; null otherwise. */
export function parseFamily(raw: unknown): FamilyResults | null {
  if (!isObj(raw) || !Array.isArray(raw.rows) || !raw.rows.every(isRow)) return null;
  if (raw.correlation !== undefined && raw.correlation !== null && !isCorrelation(raw.correlation))
    return null;
  const seeds = Array.isArray(raw.seeds) && raw.seeds.every(isNum) ? raw.seeds : [];
  return {
    about: typeof raw.about === 'string' ? raw.about : '',
    seeds,
    data: typeof raw.data === 'string' ? raw.data : '',
    rows: raw.rows.map((r) => ({ ...r, gaps: r.gaps ?? null })),
    correlation: isCorrelation(raw.correlation) ? raw.correlation : null,
  };
}
