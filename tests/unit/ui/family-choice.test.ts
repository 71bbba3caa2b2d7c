/**
 * Picking a checkpoint of the family (issue #20) in the lesson: the weights choice lists every
 * member from its manifest with its design in words, the choice travels in the link (a
 * teacher's hidden choice wins over the preset buttons), and it is named in the "In force"
 * sentence.
 */
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { ChoosePanel } from '../../../src/ui/features/choose/choose-panel';
import { familyMemberLabel } from '../../../src/ui/features/choose/family-member-label';
import { familyEntries } from '../../../src/ui/features/use-pretrained';
import { describeConfig } from '../../../src/ui/settings/describe-config';
import { parseHash, toHash } from '../../../src/ui/settings/url-hash';
import { presetConflicts } from '../../../src/ui/store/config-slice';
import { useStore } from '../../../src/ui/store/store';

const manifest = JSON.parse(readFileSync('public/models/family/manifest.json', 'utf8')) as {
  models: { name: string; family: string; design: string; lever: string }[];
};
const members = familyEntries(manifest);

describe('the family in the weights choice', () => {
  beforeEach(() => useStore.getState().resetConfig());

  it('reads every member of the manifest with its design, lever and ratio', () => {
    expect(members.map((m) => m.name)).toEqual(manifest.models.map((m) => m.name));
    expect(
      members.every(
        (m) =>
          m.member &&
          m.member.design.startsWith('F') &&
          m.member.lever.length > 3 &&
          typeof m.member.ratio === 'number',
      ),
    ).toBe(true);
    expect(familyEntries({ models: [{ name: 'x', family: 'vit' }] })).toEqual([]); // no design: not a member
  });

  it('labels a member by its design in words', () => {
    const sgd = members.find((m) => m.name === 'fam-vit-sgd-e1');
    expect(sgd && sgd.member && familyMemberLabel(sgd.name, sgd.family, sgd.member)).toBe(
      'fam-vit-sgd-e1 (checkpoint family F2, micro ViT: optimizer (SGD); gradient ratio 0.52)',
    );
  });

  it('lists the members as options of the weights select', () => {
    useStore.getState().fromHash('#model=fam-vit-sgd-e1');
    const initial = useStore.getInitialState();
    const saved = { ...initial };
    Object.assign(initial, useStore.getState());
    try {
      const html = renderToStaticMarkup(
        createElement(ChoosePanel, { pretrained: members, disabled: false }),
      );
      for (const m of members) expect(html).toContain(`<option value="${m.name}"`);
      expect(html).toContain(
        '<option value="fam-vit-sgd-e1" selected="">fam-vit-sgd-e1 (checkpoint family F2',
      );
      expect(html).not.toContain('(not available)');
    } finally {
      Object.assign(initial, saved);
    }
  });
});

describe('the family choice in a link', () => {
  it('round-trips, hidden or not', () => {
    const { config, hidden, ignored } = parseHash('#model=fam-vit-p14-embwd20-pos&model_hide=true');
    expect([config.weights, hidden, ignored]).toEqual(['fam-vit-p14-embwd20-pos', ['weights'], []]);
    const back = toHash(config, hidden);
    expect(back).toContain('model=fam-vit-p14-embwd20-pos');
    expect(back).toContain('model_hide=true');
    expect(parseHash(back).config).toEqual(config);
  });

  it("the teacher's hidden choice wins: a preset button that would change it is not offered", () => {
    const { config, hidden } = parseHash('#model=fam-vit-sgd-e1&model_hide=true');
    expect(presetConflicts('classroom', config, hidden)).toEqual(['weights']);
    expect(presetConflicts('classroom', config, [])).toEqual([]);
  });

  it('is named in the "In force" sentence', () => {
    expect(describeConfig(parseHash('#model=fam-vit-sgd-e1').config)).toMatch(
      /^fam-vit-sgd-e1 on /,
    );
  });
});
