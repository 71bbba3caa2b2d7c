/** Grey base images of one class, as decoded from shards. */
export interface GreyImages {
  /** [n, 28, 28] uint8, 0 = background, 255 = ink. */
  readonly pixels: Uint8Array;
  /** [n] base image ids (see base-id.ts). */
  readonly ids: Int32Array;
  readonly n: number;
}

export const BASE_SIZE = 28;
export const BASE_PIXELS = BASE_SIZE * BASE_SIZE;

/** One image's pixels, a view (no copy): [28, 28]. */
export function greyAt(images: GreyImages, i: number): Uint8Array {
  return images.pixels.subarray(i * BASE_PIXELS, (i + 1) * BASE_PIXELS);
}
