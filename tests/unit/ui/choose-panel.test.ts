/** The Choose form (createElement: the unit project runs *.test.ts) rendered to HTML in Node (react-dom/server): generated from the settings table, bound to the store. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { defaultModelConfig } from '../../../src/spec/model-config';
import { ChoosePanel } from '../../../src/ui/features/choose/choose-panel';
import { SETTING_NAMES, SETTINGS } from '../../../src/ui/settings/settings-table';
import { useStore } from '../../../src/ui/store/store';

// As public/models/manifest.json lists it: pretrained with a 20-class head.
const pretrained = [
  { name: 'vit-adamw', family: 'vit', config: defaultModelConfig('vit', { numClasses: 20 }) },
];
/**
 * Server rendering reads zustand's server snapshot, the store's initial state object: copy the
 * current state into it for the render, and put it back after.
 */
function render(disabled = false): string {
  const initial = useStore.getInitialState();
  const saved = { ...initial };
  Object.assign(initial, useStore.getState());
  try {
    return renderToStaticMarkup(createElement(ChoosePanel, { pretrained, disabled }));
  } finally {
    Object.assign(initial, saved);
  }
}

describe('Choose panel', () => {
  beforeEach(() => useStore.getState().resetConfig());

  it('renders one labelled control per setting (random-init and warm-up ones when they apply)', () => {
    useStore.getState().fromHash('#model=random&schedule=warmup-cosine');
    const html = render();
    for (const n of SETTING_NAMES) {
      if (n === 'methods' || n === 'classes') continue; // their own grids
      const id = `setting-${SETTINGS[n].key}`;
      expect(html, n).toContain(`id="${id}"`);
      expect(html, n).toContain(`for="${id}"`);
    }
    // The method grid: one box per method, the paper's four ticked by default.
    const ticked = [
      ...html.matchAll(
        /<input type="checkbox"[^>]*?checked=""[^>]*?data-method-id="([^"]+)"|<input type="checkbox"[^>]*?data-method-id="([^"]+)"[^>]*?checked=""/g,
      ),
    ].map((m) => m[1] ?? m[2]);
    expect(ticked).toEqual(['sgd', 'sgd-freeze', 'sgd-freeze-nomom', 'adamw']);
    expect(html.match(/data-method-id=/g)).toHaveLength(12); // the grid's six and the paper's six others
    expect(html).toContain('Other methods the paper tried');
    // The three starting points.
    for (const id of ['preset-classroom', 'preset-full', 'preset-paper-gap'])
      expect(html).toContain(`data-testid="${id}"`);
  });

  it('random-init controls appear only for random weights; the checkpoint list comes from the manifest', () => {
    const html = render();
    expect(html).not.toContain('id="setting-arch"');
    // The parameters before the head: the same for the checkpoint and every task (param-count.ts).
    expect(html).toContain('vit-adamw (pretrained, 210,688 parameters + head, embedding 4.5%)');
  });

  it('<key>_hide=true removes that control (and the method boxes for methods_hide)', () => {
    useStore
      .getState()
      .fromHash('#seed_hide=true&lr_adamw_hide=true&methods_hide=true&classes_hide=true');
    const html = render();
    expect(html).not.toContain('id="setting-seed"');
    expect(html).not.toContain('id="setting-lr_adamw"');
    expect(html).not.toContain('data-method-id=');
    expect(html).not.toContain('data-class=');
    expect(html).toContain('id="setting-lr_sgdm"');
    expect(html).toContain('id="setting-bench"');
  });

  it('values from a link show in the fields; an unreadable key is reported', () => {
    useStore.getState().fromHash('#seed=12&lr_sgdm=0.003&bench=style&classes=1,2&zoom=3');
    const html = render();
    expect(html).toMatch(/id="setting-seed"[^>]*value="12"/);
    expect(html).toMatch(/id="setting-lr_sgdm"[^>]*value="0.003"/);
    expect(html).toMatch(/<input type="checkbox" data-class="1" checked=""\/>/);
    expect(html).toMatch(/<input type="checkbox" data-class="0"\/>/);
    expect(html).toContain('role="alert"');
    expect(html).toContain('zoom');
  });

  it('disabled while a run goes: every fieldset is disabled', () => {
    const html = render(true);
    expect(html.match(/<fieldset[^>]*disabled=""/g)?.length).toBe(html.match(/<fieldset/g)?.length);
  });
});
