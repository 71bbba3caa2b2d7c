/**
 * How big a model is, said the same way on every screen: the parameters before its
 * classification head, which are the same for a shipped checkpoint (pretrained with a
 * 20-class head), the Models table (a 10-class head) and every task it is fine-tuned on (the
 * head is replaced to fit the task's classes); the head is counted apart where it is known.
 * (They used to show three totals for one ViT: 211,988, 211,338 and 211,013.)
 */
export const fmt = (n: number): string => n.toLocaleString('en-US');

export interface Counted {
  params: number;
  headParams?: number;
  /** Trainable parameters per layer and the head's layers (older saved runs lack headParams). */
  layerParams?: Readonly<Record<string, number>>;
  headLayers?: readonly string[];
}

export function headParamsOf(c: Counted): number {
  return c.headParams ?? (c.headLayers ?? []).reduce((n, l) => n + (c.layerParams?.[l] ?? 0), 0);
}

/** The parameters before the classification head. */
export function bodyParams(c: Counted): number {
  return c.params - headParamsOf(c);
}

/** The embedding's share of the body's parameters, in % (the paper's "a few percent"). */
export function embedShare(c: Counted & { embedParams: number }): number {
  return (100 * c.embedParams) / bodyParams(c);
}

/** e.g. "210,688 parameters + 325 in the 5-class head" (or "+ head" when the task is unknown). */
export function paramCountText(c: Counted, numClasses?: number): string {
  const head =
    numClasses === undefined ? 'head' : `${fmt(headParamsOf(c))} in the ${numClasses}-class head`;
  return `${fmt(bodyParams(c))} parameters + ${head}`;
}
