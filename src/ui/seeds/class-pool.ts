/**
 * The teacher's side of "Pool a class": many share codes (pasted lines, or links carrying them
 * in `#...&pool=CODE,CODE`) pooled into one table of seeds. Each code is accepted or refused
 * with its reason; a code made under other settings is refused whole. Seeds merge per (seed,
 * method): the same result again counts once; a different result for the same seed and method
 * (another backend rounds differently, or someone edited a code and fixed its checksum) keeps
 * the first one pasted and names the conflict, so the pool never holds one seed twice.
 */
import { fingerprintHex } from './fingerprint';
import type { RunResult, SeedResults } from './seed-results';
import { decodeShareCode, type SharedResult, type SharedRun } from './share-code';

export interface CodeVerdict {
  /** 1-based position among the codes found. */
  index: number;
  /** The code's first characters, to find it in the list. */
  preview: string;
  accepted: boolean;
  reason?: string;
  /** Seeds this code added to the pool. */
  added: number[];
  /** Seeds (with a method) already in the pool with the same result: counted once. */
  duplicates: string[];
  /** Seeds (with a method) already in the pool with a different result: the first is kept. */
  conflicts: string[];
}

export interface ClassPool {
  results: SeedResults;
  verdicts: CodeVerdict[];
}

/** The link key carrying codes (settings/url-hash.ts leaves it to this page: PAGE_KEYS). */
export const POOL_HASH_KEY = 'pool';

/** Every code candidate in pasted text: whitespace-separated lines, links (their `pool=` hash key), comma lists. */
export function codesIn(text: string): string[] {
  const out: string[] = [];
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const hash = token.indexOf('#');
    const list =
      hash >= 0 ? (new URLSearchParams(token.slice(hash + 1)).get(POOL_HASH_KEY) ?? '') : token;
    out.push(...list.split(',').filter(Boolean));
  }
  return out;
}

/** Exactly the same result (codes store hundredths of a percent, so equal runs decode equal). */
function sameRun(a: RunResult, b: SharedRun): boolean {
  if (a.kind === 'finished') return b.kind === 'finished' && a.id === b.id && a.ood === b.ood;
  return a.kind === 'diverged' && b.kind === 'diverged' && a.step === b.step;
}

function merge(results: SeedResults, shared: SharedResult, verdict: CodeVerdict): void {
  for (const [seedText, runs] of Object.entries(shared.seeds)) {
    const seed = Number(seedText);
    const have = (results[seed] ??= {});
    let added = false;
    for (const [methodId, run] of Object.entries(runs)) {
      const old = have[methodId];
      if (!old) {
        have[methodId] = run;
        added = true;
      } else if (sameRun(old, run)) verdict.duplicates.push(`${seed} ${methodId}`);
      else verdict.conflicts.push(`${seed} ${methodId}`);
    }
    if (added) verdict.added.push(seed);
  }
}

/** Pools `codes` for a page whose settings fingerprint is `fingerprint`. */
export function poolCodes(codes: readonly string[], fingerprint: number): ClassPool {
  const results: SeedResults = {};
  const verdicts = codes.map((code, i): CodeVerdict => {
    const v: CodeVerdict = {
      index: i + 1,
      preview: code.length > 24 ? `${code.slice(0, 20)}…` : code,
      accepted: false,
      added: [],
      duplicates: [],
      conflicts: [],
    };
    const d = decodeShareCode(code);
    if (!d.ok) return { ...v, reason: d.reason };
    if (d.result.fingerprint !== fingerprint >>> 0) {
      return {
        ...v,
        reason: `made under other settings (settings ${fingerprintHex(d.result.fingerprint)}, this page ${fingerprintHex(fingerprint)}): open the class link, then paste again`,
      };
    }
    merge(results, d.result, v);
    return { ...v, accepted: true };
  });
  return { results, verdicts };
}
