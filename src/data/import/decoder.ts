/**
 * Turns encoded image bytes into pixels. Pluggable because the worker uses the browser's
 * decoders (canvas-decoder.ts: PNG, JPEG, WebP) while Node uses a pure-JS PNG decoder
 * (fast-png-decoder.ts). A decoder throws on a corrupt or unsupported file.
 */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** [height, width, 4] RGBA, 0..255, not premultiplied. */
  readonly rgba: Uint8Array | Uint8ClampedArray;
}

export type ImageDecoder = (bytes: Uint8Array, path: string) => Promise<DecodedImage>;
