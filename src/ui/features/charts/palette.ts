/** Okabe-Ito: distinguishable with the common forms of colour blindness. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000'];

export function colourOf(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}
