/**
 * The words of each chart, for a classroom. CHART_LOOK_FOR: the one sentence a chart opens
 * with, what to look for in it. CHART_NOTES: the longer explanation under it (folded, "More
 * about this chart"): what it shows and why it matters for the paper's finding. Keyed by chart
 * id (ChartFigure's `id`).
 */
export const CHART_NOTES = {
  loss: 'How wrong the model is on the training batches; lower is better. Every method starts from the same pretrained weights, so the lines start together.',
  accuracy:
    'Accuracy on new images like the training ones (in-distribution, solid) and on shifted images (out-of-distribution, dashed). The paper found that how a model is fine-tuned matters most for the shifted images.',
  accuracyGroups:
    'For benchmarks with groups, the dashed line is the worst group: the accuracy on the kind of image the model gets most wrong, which a shortcut (like the background) hurts most.',
  grads:
    'How big each update signal is, for three parts of the model: the first, "embedding" layer (solid), the largest of the middle layers (dashed: the transformer blocks or the stages, the same layer the ratio chart divides by) and the new head (dotted). The head is the classifier added for this task: it starts random, so its gradient is large under every method and says nothing about the pretrained layers; it has its own line so that it does not hide the comparison that matters, embedding against middle. Log scale: each gridline is ten times the one below. A frozen embedding has no line.',
  ratio:
    'How hard the first (embedding) layer is pushed compared with the others. The paper’s statistic divides the first layer’s gradient by the largest middle layer’s (the new head is left out: it starts random and its gradient is large for every model). Above 1, the first layer gets the larger push. SGD moves each weight in proportion to its gradient, so a large ratio means SGD changes the embedding the most; AdamW rescales each weight’s step and does not.',
  ratioNorm:
    'Raw norms grow with a layer’s size: the micro ViT’s patch embedding has 9,472 weights, the ResNet stem 464, so part of the ViT’s large ratio is its large first layer. The paper’s real models have the same asymmetry (CLIP ViT-B/16’s patch embedding has 590k weights, BiT ResNet-50’s stem 9.4k).',
  ratioRms:
    'Per parameter (RMS): each norm divided by the square root of its layer’s weight count, the typical gradient of one weight. Measured this way on the pretrained weights (TS engine, acquisition), the ViT and the SGD-pretrained ResNet are close (1.5–2.0 against 1.5–1.9), while their raw ratios differ ten-fold (1.5–1.7 against 0.14–0.17): the raw-norm contrast comes largely from the ViT’s first layer being about 20x larger. The paper’s statistic is the raw one.',
  layers:
    'The gradient of every layer on its own, like the paper’s figure. At the first step it is measured at the pretrained weights: if the first layer’s bar stands out against the middle layers, SGD will distort it. The new head starts random and its gradient is large for every model, so it is drawn apart, on its own scale, with its values written under the chart.',
  heatmap:
    'The same per-layer gradients over the whole run, one row per layer (first layer on top), brighter = larger. Grey rows are frozen layers.',
  drift:
    'How far each layer has moved from its pretrained weights, relative to its size. The paper’s explanation: SGD moves the embedding far more than AdamW does, which damages the features that worked on shifted images. In the classroom lesson AdamW moves it more in the first steps (its early steps are large for every weight), and SGD overtakes it: by the end SGD has moved the embedding more than twice as far (the mean over the seeds recorded in docs/results.md). Freezing the embedding keeps it at 0. The new head starts random and moves far under every method, so it has its own chart and scale on the right.',
  filters:
    'The first layer’s filters as tiny pictures: the patterns the model looks for in each patch of the image. First the pretrained filters; then, for each method, only the change fine-tuning made (w − w₀), all on one shared scale, so the method that reshaped the embedding most shows the strongest picture (early in the lesson that can be AdamW; by its end it is SGD) and a frozen embedding stays flat grey; last, each method’s filters now (small changes are hard to see there, hence the change pictures).',
  reference:
    'Not this page’s run: a recording of the same comparison on the whole benchmark (all ten digits, 3,000 images, 6 epochs, several seeds), made with the PyTorch twin of this engine. It is what the live lesson is a short version of. SGD moves the embedding about twice as far as AdamW there; the paper’s comparisons, read from the recording’s mean and 90% interval over its seeds:',
  family:
    'Not this page’s run: a recording, made with the PyTorch twin of this engine on the lesson’s data. Each point is one micro checkpoint, pretrained differently on purpose (its optimizer, length, weight decay on the first layer, patch size, family) so that its first layer’s gradient at the start of fine-tuning ranges from far below to far above the middle layers’. Across: that ratio (raw gradient norms, the paper’s statistic, log scale). Up: how many points AdamW’s out-of-distribution accuracy beats SGD’s by, the mean over seeds with its 90% interval. The paper argues the lead follows the ratio; its three models are marked for scale (full-size models on five real benchmarks, so their gaps are not on the micro family’s footing). Checkpoints whose gap was not measured sit on the bottom line, by their ratio only. When this page’s run ends, its own point (ratio at its first step, AdamW − SGD over its seeds) is drawn too; it compares with the family only on the same data and length (the family was measured on the classroom preset: acquisition at strength 1, digits 0–4, over five seeds), and a short run of few seeds gives a wide interval: the axis follows the family, so such a bar is cut at the edge (hover the point for both ends).',
  memory:
    'Memory for training, from the engine’s accounting: weights, gradients and optimizer state (SGD keeps nothing extra, momentum one number per weight, AdamW two). Freezing a layer saves its gradients and optimizer state. The hatched bar is measured, not computed: the peak, over that method’s steps, of its weight tensors, its optimizer state tensors and the gradients its step held (tf.memory()). It should match the accounting.',
} as const;

export type ChartId = keyof typeof CHART_NOTES;

/** The charts that are figures on the page (the other notes are parts of a figure's note). */
export type FigureId =
  | 'loss'
  | 'accuracy'
  | 'reference'
  | 'family'
  | 'grads'
  | 'ratio'
  | 'layers'
  | 'heatmap'
  | 'drift'
  | 'filters'
  | 'memory';

/** One sentence per chart, first under its title: what to look for. */
export const CHART_LOOK_FOR: Record<FigureId, string> = {
  loss: 'Look for every method’s loss going down from the same start.',
  accuracy:
    'Look for the gap between the solid (in-distribution) and dashed (shifted) lines, and which method keeps the dashed line highest.',
  reference: 'Look for which method ends highest out of distribution in the full recorded run.',
  grads:
    'Look for the solid embedding line above the dashed middle line: the embedding gets the larger push (ignore the dotted head, which starts random).',
  ratio:
    'Look for the line above the dotted 1: then the embedding’s gradient beats every middle layer’s.',
  layers:
    'Look for the first layer’s bar standing out against the middle layers’ bars (the new head is apart, on its own scale).',
  heatmap:
    'Look for a bright top row: the first layer’s gradient stays large while training goes on.',
  drift:
    'Look for how far each method moved the first (embedding) layer: by the end SGD moves it more than AdamW, and freezing keeps it at 0.',
  filters:
    'Look for which method’s change pictures are strongest: that method reshaped the embedding most.',
  family:
    'Look for whether the points climb from left to right: a larger first-layer gradient should give AdamW a larger lead, if the paper’s cause holds at this scale.',
  memory:
    'Look for the shortest bar: SGD with a frozen embedding and no momentum needs the least memory.',
};
