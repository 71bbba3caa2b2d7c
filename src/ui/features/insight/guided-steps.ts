/**
 * The classroom sequence: each step one sentence, and the configuration it asks for. Methods
 * accumulate (each step reruns the earlier methods from the same weights and seed, so the
 * charts compare them side by side). `focus` names the chart (charts/notes.ts ids) or panel
 * to look at. The config owner maps a step onto the controls (GuidedMode's onApplyStep).
 */
import type { ChartId } from '../charts/notes';

export interface GuidedStepConfig {
  /** Method ids to run (the paper's comparison, PAPER_METHOD_IDS; an optional step, other catalogue methods), in order; empty = train nothing in this step. */
  methods: string[];
  /** Where to look: a chart id, or the sample images ('samples') or the results table ('results'). */
  focus: ChartId | 'samples' | 'results';
}

export interface GuidedStep {
  id: string;
  title: string;
  sentence: string;
  config: GuidedStepConfig;
  /** After the lesson, for those who want more: not counted in "Step i of n". */
  optional?: boolean;
}

export const GUIDED_STEPS: readonly GuidedStep[] = [
  {
    id: 'shift',
    title: 'Look at the shift',
    sentence:
      'Compare the training images with the out-of-distribution ones: same classes, but they look different, and a good fine-tune should work on both.',
    config: { methods: [], focus: 'samples' },
  },
  {
    id: 'sgd',
    title: 'Fine-tune with SGD and watch the embedding gradient',
    sentence:
      'Train with SGD and look at the gradient charts: the first (embedding) layer’s gradient is larger than any middle layer’s (the ratio chart starts above 1, about 1.7 here; the paper’s large models show more), so SGD changes it the most.',
    config: { methods: ['sgd'], focus: 'ratio' },
  },
  {
    id: 'adamw',
    title: 'Try AdamW',
    sentence:
      'AdamW scales every weight’s step by its own gradient history, so the big embedding gradient no longer means a big change: compare how far the embedding moved and the OOD accuracy.',
    config: { methods: ['sgd', 'adamw'], focus: 'drift' },
  },
  {
    id: 'freeze',
    title: 'Freeze the embedding and try SGD again',
    sentence:
      'Freezing the first layer (a few percent of the weights) keeps the pretrained features intact; the paper found that this lets plain SGD match AdamW out of distribution.',
    config: { methods: ['sgd', 'adamw', 'sgd-freeze'], focus: 'accuracy' },
  },
  {
    id: 'memory',
    title: 'Compare memory',
    sentence:
      'AdamW keeps two extra numbers per weight and SGD with momentum one; SGD with a frozen embedding and no momentum needs the least memory of all.',
    config: { methods: ['sgd', 'adamw', 'sgd-freeze', 'sgd-freeze-nomom'], focus: 'memory' },
  },
  {
    id: 'others',
    title: 'What else did the paper try?',
    sentence:
      'The paper also tried gradual unfreezing, LAMB, LARS, a smaller embedding learning rate and LP-FT with freeze-embed (on its large CLIP model the last scored best, 77.5 OOD): they are under "Other methods the paper tried", and this step runs them beside SGD freeze-embed.',
    config: {
      methods: [
        'sgd-freeze',
        'gradual-unfreeze',
        'lamb',
        'lars',
        'sgd-embed-lr0.2',
        'lp-ft-freeze',
      ],
      focus: 'accuracy',
    },
    optional: true,
  },
];
