/**
 * The paper's other methods (its ablations on CLIP ViT-B/16, ../shared/paper.md), as the page
 * offers them beside the grid: recipe ids (tools/experiment/experiment-recipe.json) and one line each on
 * what the method does. Their settings (rates, the embedding multiplier) are in the settings
 * table; the paper's OOD average is given for each so the page can say what to expect.
 */
import { methodOf, RECIPE, type MethodRecipe } from './experiment-recipe';

export interface OtherMethod {
  readonly id: string;
  readonly what: string;
  /** The paper's OOD average on CLIP ViT-B/16 (SGD 67.9, AdamW 76.0, SGD freeze-embed 75.9), where it gives one. */
  readonly paperOod?: number;
}

/**
 * LP-FT in one sentence, the same on the page, in the CLI and in the twin (core/train/linear-probe.ts,
 * cli/experiment/run-one.ts phasesOf, tools/torch_twin phases_of): the recorded numbers are this form.
 */
export function lpFtText(m: MethodRecipe = methodOf(RECIPE, 'lp-ft')): string {
  return (
    `LP-FT: ${m.lpEpochs ?? 0} extra epochs train the head alone first (lr ${m.lpLr ?? "the run's"}, their own schedule), ` +
    "then the run's epochs train every layer with SGD, fresh momentum and the schedule afresh."
  );
}

export const OTHER_METHODS: readonly OtherMethod[] = [
  {
    id: 'gradual-unfreeze',
    what: 'SGD with momentum; the head trains alone first, then one more block unfreezes from the top at even intervals.',
    paperOod: 76.2,
  },
  {
    id: 'lamb',
    what: "LAMB: Adam moments, each tensor's step scaled to its weight norm (a trust ratio).",
    paperOod: 73.2,
  },
  {
    id: 'lars',
    what: "LARS: SGD with momentum, each tensor's step scaled to its weight norm (a trust ratio).",
    paperOod: 69.6,
  },
  {
    id: 'sgd-embed-lr0.2',
    what: 'SGD with momentum, the embedding layer at a smaller learning rate (the multiplier setting; the paper: x0.2).',
    paperOod: 75.0,
  },
  {
    id: 'lp-ft',
    what: lpFtText(),
  },
  {
    id: 'lp-ft-freeze',
    what: 'LP-FT with the embedding layer frozen in the fine-tuning phase.',
    paperOod: 77.5,
  },
];
