/**
 * A run's summary as read from storage (the 'summaries' store, listed on every page load),
 * checked before the page shows it: what the history panel, Show, Use settings and the exports
 * read. The configuration is checked control by control with the settings table's own parsing
 * (settings-table.ts), so a stored value is valid exactly when a link could have set it.
 */
import { FAMILIES } from '../../spec/model-config';
import type { CheckpointRef, LoadedInfo } from '../../protocol/messages';
import { SETTING_NAMES, SETTINGS, type Config } from '../settings/settings-table';
import type { Setting } from '../settings/setting';
import { RECORD_VERSION, type MethodResult, type RunSummary } from './run-record';
import {
  arr,
  count,
  Damage,
  dict,
  finite,
  kindOf,
  num,
  obj,
  oneOf,
  opt,
  str,
} from './stored-checks';
import { MAX_METHODS, MAX_NAMES, MAX_STORED_STEP } from './stored-limits';

const STATUSES = ['running', 'finished', 'stopped', 'failed'] as const;

/** One control's stored value, as its setting parses it (lists come back sorted and distinct). */
function settingValue(s: Setting, v: unknown, path: string): unknown {
  const want =
    s.kind === 'number'
      ? 'number'
      : s.kind === 'choice'
        ? 'string'
        : s.kind === 'bool'
          ? 'boolean'
          : null;
  if (want !== null && typeof v !== want)
    throw new Damage(path, `expected a ${want}, found ${kindOf(v)}`);
  if (s.kind === 'list') {
    const items = arr(v, path, 1000);
    items.forEach((x, i) => {
      if (typeof x !== 'string' && typeof x !== 'number')
        throw new Damage(`${path}[${i}]`, `expected a name or a number, found ${kindOf(x)}`);
    });
  }
  // Each kind serialises a value of its own type; parse refuses what is out of range or unknown.
  const parsed = (s.parse as (raw: string) => unknown)((s.serialise as (x: unknown) => string)(v));
  if (parsed === undefined) throw new Damage(path, `${kindOf(v)} is not a valid ${s.label}`);
  return parsed;
}

/**
 * The configuration a run was saved with. A control the record lacks (saved before the control
 * existed) takes its default, as in a link without its key; keys the table does not know are dropped.
 */
export function checkConfig(v: unknown, path = 'config'): Config {
  const o = obj(v, path);
  const out: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const s: Setting = SETTINGS[name];
    out[name] = o[name] === undefined ? s.default : settingValue(s, o[name], `${path}.${name}`);
  }
  return out as Config;
}

const names = (v: unknown, path: string): string[] => {
  arr(v, path, MAX_NAMES).forEach((x, i) => str(x, `${path}[${i}]`, 500));
  return v as string[];
};

/** An own checkpoint as a run keeps it: a file name and a SHA-256 in lower-case hex. */
function checkCheckpointRef(v: unknown, path: string): CheckpointRef {
  const o = obj(v, path);
  str(o.file, `${path}.file`, 500);
  if (typeof o.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(o.sha256))
    throw new Damage(
      `${path}.sha256`,
      `expected a SHA-256 (64 hex digits), found ${kindOf(o.sha256)}`,
    );
  return o as unknown as CheckpointRef;
}

/** What the run loaded (model and data), or null when it failed before loading. */
export function checkLoaded(v: unknown, path = 'loaded'): LoadedInfo | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, path);
  oneOf(o.family, `${path}.family`, FAMILIES);
  for (const k of ['params', 'embedParams'] as const) count(o[k], `${path}.${k}`, 1e12);
  opt(o.headParams, `${path}.headParams`, (x, p) => count(x, p, 1e12));
  names(o.layers, `${path}.layers`);
  names(o.embedLayers, `${path}.embedLayers`);
  opt(o.headLayers, `${path}.headLayers`, names);
  opt(o.layerParams, `${path}.layerParams`, (x, p) =>
    dict(x, p, MAX_NAMES, (y, q) => count(y, q, 1e12)),
  );
  count(o.numClasses, `${path}.numClasses`, MAX_NAMES);
  names(o.classNames, `${path}.classNames`);
  const sizes = obj(o.sizes, `${path}.sizes`);
  for (const k of ['train', 'idVal', 'ood'] as const) count(sizes[k], `${path}.sizes.${k}`, 1e9);
  str(o.idMetric, `${path}.idMetric`, 100);
  str(o.oodMetric, `${path}.oodMetric`, 100);
  opt(o.checkpoint, `${path}.checkpoint`, checkCheckpointRef);
  return o as unknown as LoadedInfo;
}

function checkResult(v: unknown, path: string): MethodResult {
  const o = obj(v, path);
  str(o.methodId, `${path}.methodId`, 200);
  count(o.steps, `${path}.steps`, MAX_STORED_STEP);
  opt(o.id, `${path}.id`, num);
  opt(o.ood, `${path}.ood`, num);
  return o as unknown as MethodResult;
}

/** A summary fit for the page, its config and loaded info in checked form; throws a Damage naming what is not. */
export function checkSummary(v: unknown): RunSummary {
  const o = obj(v, 'record');
  const version = count(o.version, 'version', Number.MAX_SAFE_INTEGER);
  if (version < 1) throw new Damage('version', `${version} is not a record version`);
  if (version > RECORD_VERSION)
    throw new Damage(
      'version',
      `${version}: saved by a newer version of the page (this one reads up to ${RECORD_VERSION})`,
    );
  str(o.id, 'id', 200);
  finite(o.startedAt, 'startedAt');
  opt(o.endedAt, 'endedAt', finite);
  oneOf(o.status, 'status', STATUSES);
  str(o.hash, 'hash', 100_000);
  if (o.config === undefined) throw new Damage('config', 'missing');
  const config = checkConfig(o.config);
  const loaded = checkLoaded(o.loaded);
  opt(o.backend, 'backend', (x, p) => str(x, p, 100));
  opt(o.error, 'error', str);
  arr(o.results, 'results', MAX_METHODS).forEach((r, i) => checkResult(r, `results[${i}]`));
  return { ...(o as unknown as RunSummary), config, loaded };
}
