/**
 * One user-facing control, declared once: its URL key, label, default and how its value
 * travels as text. The table in settings-table.ts lists every control; the URL hash and the
 * form are both generated from it (TensorFlow Playground's state.ts does the same), so a
 * control cannot exist in one and be missing from the other.
 */

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
}

interface Base<T> {
  /** Key in the URL hash: short, readable, snake_case (`lr_sgd`, `bench`). */
  readonly key: string;
  readonly label: string;
  /** One sentence for the control's title (tooltip) and the classroom. */
  readonly help?: string;
  readonly default: T;
  /** Text from the URL -> value; undefined when the text is not a valid value (the default is kept). */
  parse(raw: string): T | undefined;
  serialise(value: T): string;
}

export interface NumberSetting extends Base<number> {
  readonly kind: 'number';
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly integer?: boolean;
}

export interface ChoiceSetting extends Base<string> {
  readonly kind: 'choice';
  /** Fixed choices; empty when the UI fills them at run time (pretrained checkpoints). */
  readonly options: readonly ChoiceOption[];
}

export interface BoolSetting extends Base<boolean> {
  readonly kind: 'bool';
}

/** A comma-separated list (method ids, class indices). */
export interface ListSetting<T extends string | number> extends Base<readonly T[]> {
  readonly kind: 'list';
}

export type Setting =
  NumberSetting | ChoiceSetting | BoolSetting | ListSetting<string> | ListSetting<number>;

export function numberSetting(
  s: Omit<NumberSetting, 'kind' | 'parse' | 'serialise'>,
): NumberSetting {
  return {
    kind: 'number',
    ...s,
    parse: (raw) => {
      if (raw.trim() === '') return undefined;
      const v = Number(raw);
      if (!Number.isFinite(v)) return undefined;
      if (s.integer && !Number.isInteger(v)) return undefined;
      if ((s.min !== undefined && v < s.min) || (s.max !== undefined && v > s.max))
        return undefined;
      return v;
    },
    serialise: (v) => String(v),
  };
}

export function choiceSetting(
  s: Omit<ChoiceSetting, 'kind' | 'parse' | 'serialise'> & { open?: RegExp },
): ChoiceSetting {
  const { open, ...rest } = s;
  return {
    kind: 'choice',
    ...rest,
    // An open choice (checkpoint names) accepts any well-formed name: the list is only known
    // once the manifest is fetched, and a link must not lose its model before that.
    parse: (raw) =>
      s.options.some((o) => o.value === raw) || (open !== undefined && open.test(raw))
        ? raw
        : undefined,
    serialise: (v) => v,
  };
}

export function boolSetting(s: Omit<BoolSetting, 'kind' | 'parse' | 'serialise'>): BoolSetting {
  return {
    kind: 'bool',
    ...s,
    parse: (raw) =>
      raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : undefined,
    serialise: (v) => String(v),
  };
}

/** Distinct ids from a fixed set, in the set's order (so `methods=adamw,sgd` and `sgd,adamw` are one config). */
export function idListSetting(
  s: Omit<ListSetting<string>, 'kind' | 'parse' | 'serialise'> & { ids: readonly string[] },
): ListSetting<string> {
  const { ids, ...rest } = s;
  return {
    kind: 'list',
    ...rest,
    parse: (raw) => {
      const parts = raw.split(',').filter((p) => p !== '');
      if (parts.some((p) => !ids.includes(p))) return undefined;
      return ids.filter((id) => parts.includes(id));
    },
    serialise: (v) => v.join(','),
  };
}

/** Distinct non-negative integers, sorted; empty means "all". */
export function intListSetting(
  s: Omit<ListSetting<number>, 'kind' | 'parse' | 'serialise'> & { max: number },
): ListSetting<number> {
  const { max, ...rest } = s;
  return {
    kind: 'list',
    ...rest,
    parse: (raw) => {
      const parts = raw.split(',').filter((p) => p !== '');
      const v = parts.map(Number);
      if (v.some((x) => !Number.isInteger(x) || x < 0 || x > max)) return undefined;
      return [...new Set(v)].sort((a, b) => a - b);
    },
    serialise: (v) => v.join(','),
  };
}
