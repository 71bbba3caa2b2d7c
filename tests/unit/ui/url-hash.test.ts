import { describe, expect, it } from 'vitest';
import { SETTING_NAMES, SETTINGS, defaultSettings } from '../../../src/ui/settings/settings-table';
import { parseHash, setPageKey, toHash, withPageKeys } from '../../../src/ui/settings/url-hash';

describe('settings table and URL hash', () => {
  it('every control has a distinct readable key and its default survives serialise -> parse', () => {
    const keys = SETTING_NAMES.map((n) => SETTINGS[n].key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[a-z][a-z_]*$/);
    for (const n of SETTING_NAMES) {
      const s = SETTINGS[n];
      expect(
        (s.parse as (r: string) => unknown)((s.serialise as (v: unknown) => string)(s.default)),
        n,
      ).toEqual(s.default);
    }
  });

  it('round-trips a changed configuration with readable keys and hidden controls', () => {
    const c = {
      ...defaultSettings(),
      weights: 'resnet-sgd',
      benchmark: 'style',
      seed: 7,
      lrSgdm: 0.003,
      lrAdamw: 1e-5,
      methods: ['sgd', 'adamw-freeze'],
      classes: [0, 3, 4],
      augment: false,
      schedule: 'warmup-cosine',
      steps: 2,
    };
    const hash = toHash(c, ['seed', 'methods']);
    expect(hash).toContain('model=resnet-sgd');
    expect(hash).toContain('bench=style');
    expect(hash).toContain('seed=7');
    expect(hash).toContain('lr_sgdm=0.003');
    expect(hash).toContain('lr_adamw=0.00001');
    expect(hash).toContain('methods=sgd,adamw-freeze');
    expect(hash).toContain('classes=0,3,4');
    expect(hash).toContain('seed_hide=true');
    expect(hash).toContain('methods_hide=true');
    const back = parseHash(hash);
    expect(back.config).toEqual(c);
    expect(back.hidden).toEqual(['seed', 'methods']);
    expect(back.ignored).toEqual([]);
  });

  it('a partial link keeps the defaults for what it does not say', () => {
    const s = parseHash('#bench=spurious&lr_sgd=0.1&batch_hide=true');
    expect(s.config).toEqual({ ...defaultSettings(), benchmark: 'spurious', lrSgd: 0.1 });
    expect(s.hidden).toEqual(['batchSize']);
  });

  it('bad values and unknown keys keep the default and are reported', () => {
    const s = parseHash(
      '#seed=1.5&bench=nope&methods=sgd,bogus&lr_adamw=-1&batch=0&augment=maybe&zoom=2&nope_hide=true&classes=1,x',
    );
    expect(s.config).toEqual(defaultSettings());
    expect(s.ignored.sort()).toEqual(
      [
        'augment',
        'batch',
        'bench',
        'classes',
        'lr_adamw',
        'methods',
        'nope_hide',
        'seed',
        'zoom',
      ].sort(),
    );
  });

  it('method and class lists are normalised (order, duplicates)', () => {
    const s = parseHash('#methods=adamw,sgd,adamw&classes=4,1,4');
    expect(s.config.methods).toEqual(['sgd', 'adamw']);
    expect(s.config.classes).toEqual([1, 4]);
  });

  it('the defaults per optimizer: the classroom preset rates, the paper recipe otherwise', () => {
    const c = defaultSettings();
    expect([c.lrSgdm, c.momentum, c.lrSgd, c.lrAdamw, c.wdAdamw, c.wdSgdm]).toEqual([
      1e-2, 0.9, 3e-2, 1e-3, 0.01, 0,
    ]);
    expect(c.methods).toEqual(['sgd', 'adamw', 'sgd-freeze', 'sgd-freeze-nomom']);
  });

  it('page keys: set and removed in place, kept when the settings are rewritten', () => {
    const settings = toHash(defaultSettings());
    const withPool = setPageKey(settings, 'pool', 'AbC_-1,xYz');
    expect(withPool).toBe(`${settings}&pool=AbC_-1,xYz`);
    expect(parseHash(withPool).ignored).toEqual([]);
    // The settings change; the page's codes stay, and nothing else rides along.
    const other = toHash({ ...defaultSettings(), seed: 7 });
    expect(withPageKeys(other, `${withPool}&junk=1`)).toBe(`${other}&pool=AbC_-1,xYz`);
    expect(withPageKeys(other, settings)).toBe(other);
    expect(setPageKey(withPool, 'pool', '')).toBe(settings);
    expect(setPageKey('', 'pool', '')).toBe('');
  });
});
