/**
 * One or two plain sentences under each chart, for a classroom: what it shows and why it
 * matters for the paper's finding. Keyed by chart id (ChartFigure's `id`).
 */
export const CHART_NOTES = {
  loss: 'How wrong the model is on the training batches; lower is better. Every method starts from the same pretrained weights, so the lines start together.',
  accuracy:
    'Accuracy on new images like the training ones (in-distribution, solid) and on shifted images (out-of-distribution, dashed). The paper found that how a model is fine-tuned matters most for the shifted images.',
  accuracyGroups:
    'For benchmarks with groups, the dashed line is the worst group: the accuracy on the kind of image the model gets most wrong, which a shortcut (like the background) hurts most.',
  grads:
    'How big each update signal is: for the first, "embedding" layer (solid) and for all other layers together (dashed). Log scale: each gridline is ten times the one below. A frozen embedding has no line.',
  ratio:
    'The embedding gradient divided by the rest. Above 1, the first layer gets the larger push. SGD moves each weight in proportion to its gradient, so a large ratio means SGD changes the embedding the most; AdamW rescales each weight’s step and does not.',
  layers:
    'The gradient of every layer on its own, like the paper’s figure. At the first step it is measured at the pretrained weights: if the first layer’s bar stands out, SGD will distort it.',
  heatmap:
    'The same per-layer gradients over the whole run, one row per layer (first layer on top), brighter = larger. Grey rows are frozen layers.',
  drift:
    'How far each layer has moved from its pretrained weights, relative to its size. The paper’s explanation: SGD moves the embedding far more than AdamW does, which damages the features that worked on shifted images. Freezing the embedding keeps it at 0.',
  filters:
    'The first layer’s filters as tiny pictures: the patterns the model looks for in each patch of the image. The first picture is the pretrained filters, the others each method’s filters now: filters that change a lot were reshaped by fine-tuning; frozen ones stay identical.',
  memory:
    'Memory for training, from the engine’s accounting: weights, gradients and optimizer state (SGD keeps nothing extra, momentum one number per weight, AdamW two). Freezing a layer saves its gradients and optimizer state. The hatched bar is measured, not computed: the peak, over that method’s steps, of its weight tensors, its optimizer state tensors and the gradients its step held (tf.memory()). It should match the accounting.',
} as const;

export type ChartId = keyof typeof CHART_NOTES;
