/**
 * A byte writer and a bounds-checked reader for the share code: unsigned LEB128 varints
 * (small numbers in one byte) and big-endian fixed-width integers. The reader throws a
 * `CodeError` naming what ran out, never reads past the end.
 */
export class CodeError extends Error {}

export class ByteWriter {
  private readonly out: number[] = [];

  u8(v: number): this {
    this.out.push(v & 0xff);
    return this;
  }

  u16(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }

  u32(v: number): this {
    return this.u16(v >>> 16).u16(v & 0xffff);
  }

  /** Non-negative integers below 2^35 (seeds and steps), 7 bits a byte. */
  varint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v >= 2 ** 35)
      throw new CodeError(`cannot encode ${v}: not an integer in 0..2^35`);
    let x = v;
    while (x >= 0x80) {
      this.u8((x % 0x80) | 0x80);
      x = Math.floor(x / 0x80);
    }
    return this.u8(x);
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

export class ByteReader {
  private at = 0;

  constructor(private readonly buf: Uint8Array) {}

  get left(): number {
    return this.buf.length - this.at;
  }

  u8(what: string): number {
    const v = this.buf[this.at];
    if (v === undefined) throw new CodeError(`the code ends early (reading ${what})`);
    this.at++;
    return v;
  }

  u16(what: string): number {
    return this.u8(what) * 256 + this.u8(what);
  }

  u32(what: string): number {
    return this.u16(what) * 65536 + this.u16(what);
  }

  /** At most 5 bytes (35 bits), so a run of continuation bytes cannot loop or overflow. */
  varint(what: string): number {
    let v = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8(what);
      v += (b & 0x7f) * 2 ** (7 * i);
      if (!(b & 0x80)) return v;
    }
    throw new CodeError(`${what} is longer than 5 bytes`);
  }
}
