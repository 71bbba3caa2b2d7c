import { beforeEach, describe, expect, it } from 'vitest';
import { PAPER_METHOD_IDS } from '../../../src/presets/method-catalog';
import { applyGuidedStep } from '../../../src/ui/features/guided-panel';
import {
  afterRunSelectors,
  findTarget,
  focusSelectors,
  GUIDE_GAP,
  scrollTopFor,
  setupSelectors,
  unfold,
} from '../../../src/ui/features/guided-target';
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
      if (step.config.methods.length)
        expect([...c.methods].sort()).toEqual([...step.config.methods].sort());
      if (!step.optional) for (const id of c.methods) expect(paper).toContain(id);
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
    const root = {
      querySelector: (sel: string) => (sel === '[data-testid=run-controls]' ? { sel } : null),
    } as unknown as ParentNode;
    expect(findTarget(focusSelectors('drift'), root)).toEqual({
      sel: '[data-testid=run-controls]',
    });
    expect(findTarget(focusSelectors('samples'), root)).toBeNull();
  });

  it('a step that trains shows the Run buttons first, its chart once the run started; a step that looks shows its target', () => {
    const [shift, sgd] = GUIDED_STEPS;
    expect(setupSelectors(shift!.config)).toEqual(['[data-testid=samples]']);
    expect(setupSelectors(sgd!.config)).toEqual(['[data-testid=run-controls]']);
    expect(afterRunSelectors(sgd!.config.focus)).toEqual(['[data-chart=ratio]']);
  });

  it('the scroll offset puts the target’s top just below the guide’s bottom edge', () => {
    const at = (top: number) => ({ getBoundingClientRect: () => ({ top }) }) as unknown as Element;
    // a target 1000 px down the window, the window scrolled to 500, a 150 px guide: top lands at 150 + gap
    const y = scrollTopFor(at(1000), 150, 500);
    expect(1000 + 500 - y).toBe(150 + GUIDE_GAP);
    expect(scrollTopFor(at(20), 150, 0)).toBe(0); // never above the page
  });
});

describe('a target folded in <details>', () => {
  /** A minimal element tree: each node's closest('details') walks up from itself, as the DOM's does. */
  interface Node {
    tag: string;
    open?: boolean;
    parentElement: Node | null;
    closest: (sel: string) => Node | null;
  }
  const node = (tag: string, parent: Node | null): Node => {
    const n: Node = {
      tag,
      parentElement: parent,
      closest: (sel) => (n.tag === sel ? n : (n.parentElement?.closest(sel) ?? null)),
      ...(tag === 'details' ? { open: false } : {}),
    };
    return n;
  };

  it('unfold opens every closed <details> around the target (a chart under "More" inside a folded section)', () => {
    const outer = node('details', node('main', null));
    const inner = node('details', node('div', outer));
    const chart = node('figure', node('div', inner));
    unfold(chart as unknown as Element);
    expect([outer.open, inner.open]).toEqual([true, true]);
  });
});
