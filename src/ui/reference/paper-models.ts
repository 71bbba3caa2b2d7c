/**
 * The paper's three models, for scale beside the micro family (/work/shared/paper.md): the raw
 * L2 ratio of the embedding layer's gradient to the largest middle layer's at the pretrained
 * weights (authors' code, Living-17: CLIP ViT-B/16 7.84 vs ~2.5, ConvNeXt-B 3.42 vs ~1.1, BiT
 * ResNet-50 6.04 vs ~22), and AdamW's OOD lead over SGD in points (the paper's table, OOD mean
 * over five benchmarks: 76.0 - 67.9, 79.5 - 77.3, 73.6 - 73.1). Full-scale models: a marker for
 * scale, not a point of the micro family.
 */
export interface PaperModel {
  name: string;
  ratio: number;
  /** AdamW - SGD, OOD, points. */
  gap: number;
}

export const PAPER_MODELS: readonly PaperModel[] = [
  { name: 'CLIP ViT-B/16', ratio: 3.1, gap: 8.1 },
  { name: 'ConvNeXt-B', ratio: 3.1, gap: 2.2 },
  { name: 'BiT ResNet-50', ratio: 0.27, gap: 0.5 },
];

/** A labelled line on a ratio axis. */
export interface RatioMark {
  y: number;
  label: string;
}

/** The paper's ratios as labelled lines, models with the same ratio on one line: 3.1 (CLIP ViT-B/16, ConvNeXt-B) and 0.27 (BiT ResNet-50). */
export function paperRatioMarks(models: readonly PaperModel[] = PAPER_MODELS): RatioMark[] {
  const byRatio = new Map<number, string[]>();
  for (const m of models) byRatio.set(m.ratio, [...(byRatio.get(m.ratio) ?? []), m.name]);
  return [...byRatio].map(([y, names]) => ({ y, label: `paper: ${names.join(', ')} ${y}` }));
}
