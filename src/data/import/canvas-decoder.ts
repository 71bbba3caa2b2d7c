/**
 * Browser/worker decoder: createImageBitmap understands PNG, JPEG and WebP (and applies EXIF
 * orientation); an OffscreenCanvas reads the pixels back. Runs in the worker so decoding a
 * large folder never blocks the page.
 */
import type { ImageDecoder } from './decoder';

export const decodeWithCanvas: ImageDecoder = async (bytes) => {
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
    premultiplyAlpha: 'none',
    colorSpaceConversion: 'default',
  });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('no 2D canvas context in this browser');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    return { width: bitmap.width, height: bitmap.height, rgba: data };
  } finally {
    bitmap.close();
  }
};
