/**
 * Numbers from the command line, checked: a flag's text must be a plain decimal integer (or
 * number) inside the flag's range, so `--seed 1e308`, `--evals-per-epoch 0`, `--epochs 2.5`,
 * `--batch 0x10` or `--seeds 1,,x` stop with a message naming the flag, the value and the range,
 * instead of running with a value nobody meant (a folder named "seed1e-308"). Ranges follow the
 * page's controls (src/ui/settings/settings-table.ts), which the CLI may not import.
 */

export class FlagError extends Error {
  override readonly name = 'FlagError';
}

export interface Range {
  min: number;
  max: number;
}

/** The page's ranges, by meaning. */
export const RANGES = {
  seed: { min: 0, max: 2 ** 31 - 1 },
  epochs: { min: 1, max: 10_000 },
  batch: { min: 1, max: 1024 },
  perClass: { min: 1, max: 5000 },
  evalsPerEpoch: { min: 1, max: 20 },
  steps: { min: 1, max: 1_000_000 },
  warmup: { min: 0, max: 100_000 },
  classIndex: { min: 0, max: 99 },
  strength: { min: 0, max: 1 },
  lr: { min: 0, max: 10 },
} as const satisfies Record<string, Range>;

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function inRange(flag: string, raw: string, v: number, r: Range, what: string): number {
  if (!Number.isFinite(v) || v < r.min || v > r.max)
    throw new FlagError(`--${flag} ${raw}: ${what} from ${r.min} to ${r.max} is expected`);
  return v;
}

/** A decimal integer (no exponent, fraction or hex) in the range. */
export function intFlag(flag: string, raw: string, r: Range): number {
  const s = raw.trim();
  if (!INTEGER.test(s))
    throw new FlagError(
      `--${flag} ${JSON.stringify(raw)}: a whole number from ${r.min} to ${r.max} is expected`,
    );
  return inRange(flag, raw, Number(s), r, 'a whole number');
}

/** A finite decimal number (exponent allowed) in the range. */
export function numberFlag(flag: string, raw: string, r: Range): number {
  const s = raw.trim();
  if (!DECIMAL.test(s))
    throw new FlagError(
      `--${flag} ${JSON.stringify(raw)}: a number from ${r.min} to ${r.max} is expected`,
    );
  return inRange(flag, raw, Number(s), r, 'a number');
}

/** A comma-separated list of integers in the range (empty items refused). */
export function intListFlag(flag: string, raw: string, r: Range): number[] {
  const items = raw.split(',').map((x) => x.trim());
  if (items.length === 1 && items[0] === '') return [];
  return items.map((x) => {
    if (x === '')
      throw new FlagError(`--${flag} ${JSON.stringify(raw)}: an empty item in the list`);
    return intFlag(flag, x, r);
  });
}

/** `flag`'s value when given, else the default (which is trusted: presets are checked by their own tests). */
export function optional<T>(raw: string | undefined, parse: (s: string) => T, dflt: T): T {
  return raw === undefined ? dflt : parse(raw);
}
