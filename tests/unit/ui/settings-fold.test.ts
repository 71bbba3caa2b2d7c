/**
 * The settings fold under the run (#22): folded on a plain page or a link that only sets values,
 * open by itself when a link hides a setting (the visible controls are the class's exercise) or
 * the form has a problem to show; its one line says what is in force. (Server rendering reads
 * the store's initial state, so the link cases test the rules the component reads.)
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { foldWantsOpen, inForceOf, SettingsFold } from '../../../src/ui/features/settings-fold';
import { useStore } from '../../../src/ui/store/store';

const render = (): string =>
  renderToStaticMarkup(createElement(SettingsFold, null, createElement('p', null, 'the form')));
const isOpen = (html: string): boolean => /<details[^>]*\bopen=""/.test(html);

describe('the settings fold', () => {
  beforeEach(() => useStore.getState().resetConfig());

  it('is folded on the plain page, says the classroom preset is in force, and holds the form', () => {
    const html = render();
    expect(isOpen(html)).toBe(false);
    expect(html).toContain('in force: the classroom preset)');
    expect(html).toContain('<p>the form</p>');
  });

  it('a link that only sets values stays folded and names what it changed', () => {
    useStore.getState().fromHash('#lr_sgdm=10');
    expect(foldWantsOpen(useStore.getState())).toBe(false);
    expect(inForceOf(useStore.getState())).toMatch(/^the classroom preset, changed: .*SGD/i);
  });

  it('a link that hides a setting opens it: the visible controls are what the class may change', () => {
    useStore.getState().fromHash('#lr_sgdm=10&lr_sgdm_hide=true');
    expect(useStore.getState().hidden.length).toBeGreaterThan(0);
    expect(foldWantsOpen(useStore.getState())).toBe(true);
  });

  it('a link key the page cannot read, or a run too long, opens it (the form says why)', () => {
    useStore.getState().fromHash('#no_such_key=1');
    expect(useStore.getState().ignored.length).toBeGreaterThan(0);
    expect(foldWantsOpen(useStore.getState())).toBe(true);
    useStore.getState().resetConfig();
    useStore.getState().fromHash('#epochs=10000&batch=15');
    expect(foldWantsOpen(useStore.getState())).toBe(true);
  });
});
