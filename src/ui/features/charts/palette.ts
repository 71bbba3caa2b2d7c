/** Okabe-Ito: distinguishable with the common forms of colour blindness. */
export const PALETTE = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#D55E00',
  '#56B4E9',
  '#F0E442',
  '#000000',
];

export function colourOf(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}

/**
 * A method keeps its colour whatever ran before it: the paper's methods by their place in
 * `known` (PAPER_METHOD_IDS order), others after them in the order they appear.
 */
export function methodColour(id: string, known: readonly string[], ids: readonly string[]): string {
  const k = known.indexOf(id);
  if (k >= 0) return colourOf(k);
  const others = ids.filter((x) => !known.includes(x));
  return colourOf(known.length + others.indexOf(id));
}

/** Memory chart segments (not methods): weights, gradients, optimizer state, measured. */
export const MEMORY_COLOURS = {
  weights: '#56B4E9',
  gradients: '#E69F00',
  state: '#009E73',
  measured: '#999999',
} as const;
