import { beforeEach, describe, expect, it } from 'vitest';
import { PAPER_METHOD_IDS } from '../../../src/presets/method-catalog';
import { applyGuidedStep } from '../../../src/ui/features/guided-panel';
import { focusSelectors, scrollToFocus } from '../../../src/ui/features/guided-target';
import { GUIDED_STEPS } from '../../../src/ui/features/insight/guided-steps';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { useStore } from '../../../src/ui/store/store';

describe('guided mode drives the controls', () => {
  beforeEach(() => useStore.getState().resetConfig());

  it('each step ticks exactly its methods and keeps the preset otherwise', () => {
    const paper = PAPER_METHOD_IDS;
    for (const step of GUIDED_STEPS) {
      applyGuidedStep(step);
      const c = useStore.getState().config;
      if (step.config.methods.length) expect([...c.methods].sort()).toEqual([...step.config.methods].sort());
      for (const id of c.methods) expect(paper).toContain(id);
      expect({ ...c, methods: [] }).toEqual({ ...defaultSettings(), methods: [] });
    }
  });

  it('a step without methods (look at the shift) leaves the methods as they are', () => {
    useStore.getState().setMethods(['adamw']);
    applyGuidedStep(GUIDED_STEPS[0]!);
    expect(useStore.getState().config.methods).toEqual(['adamw']);
  });

  it('focus -> where to scroll: the chart, else the Run buttons; samples and results sections', () => {
    expect(focusSelectors('ratio')).toEqual(['[data-chart=ratio]', '[data-testid=run-controls]']);
    expect(focusSelectors('samples')).toEqual(['[data-testid=samples]']);
    expect(focusSelectors('results')[0]).toBe('[data-section=results]');
    const scrolled: string[] = [];
    const el = (sel: string) => ({ scrollIntoView: () => scrolled.push(sel) });
    const root = { querySelector: (sel: string) => (sel === '[data-testid=run-controls]' ? el(sel) : null) } as unknown as ParentNode;
    expect(scrollToFocus('drift', root)).not.toBeNull();
    expect(scrolled).toEqual(['[data-testid=run-controls]']);
    expect(scrollToFocus('samples', root)).toBeNull();
  });
});
