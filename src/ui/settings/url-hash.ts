/**
 * The configuration as a URL hash with readable keys (`#model=vit-adamw&bench=style&seed=0
 * &lr_sgdm=0.01...`), and `<key>_hide=true` to hide a control for a classroom link. Every
 * control is written, so a link says exactly what it runs; a value that does not parse keeps
 * its default and is reported (the page says which keys it ignored).
 */
import {
  SETTING_NAMES,
  SETTINGS,
  type Config,
  type SettingName,
  defaultSettings,
} from './settings-table';
import type { Setting } from './setting';

export interface HashState {
  config: Config;
  hidden: SettingName[];
  /** Keys that are not controls, or values that did not parse: kept out, told to the user. */
  ignored: string[];
}

const HIDE = '_hide';

/** Hash keys that are not settings but belong to the page (seeds/class-pool.ts: `pool`, shared result codes): neither applied nor reported. */
export const PAGE_KEYS: readonly string[] = ['pool'];

function byKey(key: string): SettingName | undefined {
  return SETTING_NAMES.find((n) => SETTINGS[n].key === key);
}

export function parseHash(hash: string, base: Config = defaultSettings()): HashState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const config: Record<string, unknown> = { ...base };
  const hidden: SettingName[] = [];
  const ignored: string[] = [];
  for (const [key, raw] of params) {
    if (PAGE_KEYS.includes(key)) continue;
    if (key.endsWith(HIDE)) {
      const name = byKey(key.slice(0, -HIDE.length));
      if (name && raw === 'true') hidden.push(name);
      else if (!name || raw !== 'false') ignored.push(key);
      continue;
    }
    const name = byKey(key);
    const value = name ? (SETTINGS[name] as Setting).parse(raw) : undefined;
    if (name && value !== undefined) config[name] = value;
    else ignored.push(key);
  }
  return {
    config: config as Config,
    hidden: SETTING_NAMES.filter((n) => hidden.includes(n)),
    ignored,
  };
}

export function toHash(config: Config, hidden: readonly SettingName[] = []): string {
  const params = new URLSearchParams();
  for (const name of SETTING_NAMES) {
    const s = SETTINGS[name] as Setting;
    params.set(s.key, (s.serialise as (v: unknown) => string)(config[name]));
  }
  for (const name of SETTING_NAMES)
    if (hidden.includes(name)) params.set(`${SETTINGS[name].key}${HIDE}`, 'true');
  // Commas are safe in a fragment and far more readable than %2C in a shared link.
  return `#${params.toString().replaceAll('%2C', ',')}`;
}

/**
 * The page's own keys (PAGE_KEYS) of `current`, appended to a settings hash, so that rewriting
 * the settings keeps what the page wrote there (a teacher's pooled codes survive a reload).
 */
export function withPageKeys(settingsHash: string, current: string): string {
  const params = new URLSearchParams(current.replace(/^#/, ''));
  const kept = PAGE_KEYS.flatMap((key) => {
    const value = params.get(key);
    return value ? [`${key}=${encodeURIComponent(value).replaceAll('%2C', ',')}`] : [];
  });
  return kept.length ? `${settingsHash}&${kept.join('&')}` : settingsHash;
}

/** `current` with the page key `key` set to `value`, or removed when `value` is empty. */
export function setPageKey(current: string, key: string, value: string): string {
  const params = new URLSearchParams(current.replace(/^#/, ''));
  if (value) params.set(key, value);
  else params.delete(key);
  const text = params.toString().replaceAll('%2C', ',');
  return text ? `#${text}` : '';
}
