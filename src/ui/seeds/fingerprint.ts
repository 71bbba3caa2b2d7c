/**
 * The settings fingerprint a share code carries: a CRC-32 of every setting that changes a
 * (seed, method) run's result, from the settings table, so a code made under other settings is
 * refused. Left out, with why:
 * - seed, seeds, student: they choose WHICH seeds run; a code carries its seeds themselves;
 * - methods: which methods run side by side; each method's run does not depend on the others
 *   (same seed, same head, batches and augmentation for every method);
 * - workers: how many run at once; results are the same (the pool keeps them bit-identical).
 * The theme is not a setting. A new setting counts by default. `FINGERPRINT_VERSION` changes when
 * the meaning of a setting, or of the engine's results, changes.
 */
import { SETTING_NAMES, SETTINGS, type Config, type SettingName } from '../settings/settings-table';
import type { Setting } from '../settings/setting';
import { crc32Text } from './crc32';

export const FINGERPRINT_VERSION = 1;

export const NOT_FINGERPRINTED: readonly SettingName[] = [
  'seed',
  'seeds',
  'student',
  'workers',
  'methods',
];

export const FINGERPRINTED: readonly SettingName[] = SETTING_NAMES.filter(
  (n) => !NOT_FINGERPRINTED.includes(n),
);

/** The canonical text hashed: `v1|key=value|...` with each setting serialised as the link writes it. */
export function fingerprintText(c: Config): string {
  const parts = FINGERPRINTED.map((n) => {
    const s = SETTINGS[n] as Setting;
    return `${s.key}=${(s.serialise as (v: unknown) => string)(c[n])}`;
  });
  return [`v${FINGERPRINT_VERSION}`, ...parts].join('|');
}

export const settingsFingerprint = (c: Config): number => crc32Text(fingerprintText(c));

/** 8 hex digits, as the page shows it ("settings 1a2b3c4d"). */
export const fingerprintHex = (f: number): string => (f >>> 0).toString(16).padStart(8, '0');
