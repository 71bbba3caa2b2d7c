/**
 * CRC-32 (IEEE 802.3, the polynomial of zip and PNG), bit by bit: the inputs here are a few
 * hundred bytes, so no table. It catches every single-bit error and every burst up to 32 bits,
 * which is what a hand-edited or mistyped share code looks like. It is not a signature: without
 * a server anyone can recompute it, and the page says "forged-looking", not "forged".
 */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-32 of a string's UTF-8 bytes. */
export const crc32Text = (s: string): number => crc32(new TextEncoder().encode(s));
