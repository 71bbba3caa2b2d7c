import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '../../../src/ui/seeds/base64url';
import { crc32 } from '../../../src/ui/seeds/crc32';
import {
  CODE_PREFIX,
  decodeShareCode,
  encodeShareCode,
  MAX_CODE_CHARS,
  MAX_SEEDS,
  type SharedResult,
} from '../../../src/ui/seeds/share-code';
import { ByteWriter } from '../../../src/ui/seeds/byte-io';
import { METHOD_IDS } from '../../../src/presets/method-catalog';

const RESULT: SharedResult = {
  fingerprint: 0xdeadbeef,
  seeds: {
    3: {
      sgd: { kind: 'finished', id: 0.8412, ood: 0.8123 },
      adamw: { kind: 'finished', id: 0.85, ood: 0.9 },
    },
    4: { sgd: { kind: 'diverged', step: 17 }, adamw: { kind: 'finished', id: 1, ood: 0 } },
    2_000_000_000: { 'sgd-freeze': { kind: 'diverged' } },
  },
};

/** A code with the right checksum around arbitrary body bytes (what a careful forger makes). */
const sealed = (body: Uint8Array): string =>
  CODE_PREFIX + toBase64url(Uint8Array.of(...body, ...new ByteWriter().u32(crc32(body)).bytes()));
const bytesOf = (code: string): Uint8Array =>
  fromBase64url(code.slice(CODE_PREFIX.length)) as Uint8Array;
const reason = (code: string): string => {
  const d = decodeShareCode(code);
  expect(d.ok, code).toBe(false);
  return d.ok ? '' : d.reason;
};

describe('share code: encode and decode', () => {
  it('round-trips seeds, methods, accuracies (to 0.01 points) and divergence', () => {
    const code = encodeShareCode(RESULT);
    expect(code.startsWith('FTP1.')).toBe(true);
    expect(code.length).toBeLessThan(60);
    const d = decodeShareCode(`  ${code}\n`);
    expect(d).toEqual({ ok: true, result: RESULT });
  });

  it('CRC-32 is the standard one (zip, PNG)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('base64url round-trips every byte value and refuses other characters', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64url(toBase64url(all))).toEqual(all);
    expect(fromBase64url('ab+c')).toBeNull();
    expect(fromBase64url('abcde')).toBeNull(); // length 1 mod 4 is impossible
  });

  it('refuses to encode what it cannot carry: NaN, accuracies outside 0..1, too many seeds, nothing, unknown methods', () => {
    const one = (run: object): SharedResult => ({
      fingerprint: 1,
      seeds: { 0: { sgd: run as never } },
    });
    expect(() => encodeShareCode(one({ kind: 'finished', id: NaN, ood: 0.5 }))).toThrow(
      /seed 0 sgd ID is NaN/,
    );
    expect(() => encodeShareCode(one({ kind: 'finished', id: 0.5, ood: 1.2 }))).toThrow(
      /between 0 and 1/,
    );
    expect(() => encodeShareCode({ fingerprint: 1, seeds: {} })).toThrow(/no finished seed/);
    expect(() =>
      encodeShareCode({ fingerprint: 1, seeds: { 0: { nope: { kind: 'diverged' } } } }),
    ).toThrow(/not in this page's catalogue/);
    const many: SharedResult = {
      fingerprint: 1,
      seeds: Object.fromEntries(
        Array.from({ length: MAX_SEEDS + 1 }, (_, i) => [i, { sgd: { kind: 'diverged' } }]),
      ),
    };
    expect(() => encodeShareCode(many)).toThrow(/at most 50/);
    expect(() =>
      encodeShareCode({ fingerprint: 1, seeds: { [-1]: { sgd: { kind: 'diverged' } } } }),
    ).toThrow(/outside/);
  });
});

describe('share code: hostile input is refused with its reason', () => {
  const code = encodeShareCode(RESULT);

  it('truncated anywhere', () => {
    for (let cut = 1; cut < code.length; cut++)
      expect(decodeShareCode(code.slice(0, cut)).ok, `cut at ${cut}`).toBe(false);
    expect(reason(code.slice(0, code.length - 3))).toMatch(/checksum|truncated|base64url/);
  });

  it('every single bit flipped in the bytes', () => {
    const bytes = bytesOf(code);
    for (let i = 0; i < bytes.length * 8; i++) {
      const b = Uint8Array.from(bytes);
      b[i >> 3] = (b[i >> 3] as number) ^ (1 << (i & 7));
      const d = decodeShareCode(CODE_PREFIX + toBase64url(b));
      expect(d.ok, `bit ${i}`).toBe(false);
    }
    // A changed character of the text: forged-looking.
    const j = CODE_PREFIX.length + 3;
    const edited = code.slice(0, j) + (code[j] === 'A' ? 'B' : 'A') + code.slice(j + 1);
    expect(reason(edited)).toMatch(/forged-looking/);
  });

  it('huge, empty, not a code, not base64url', () => {
    expect(reason(`FTP1.${'A'.repeat(MAX_CODE_CHARS)}`)).toMatch(/longer than any result code/);
    expect(reason('')).toMatch(/does not start with FTP1/);
    expect(reason('hello')).toMatch(/does not start with FTP1/);
    expect(reason('FTP1.abc$def')).toMatch(/not base64url/);
    expect(reason('FTP1.AAAA')).toMatch(/too short/);
  });

  it('wrong version, in the prefix or in the bytes', () => {
    expect(reason(code.replace('FTP1.', 'FTP2.'))).toMatch(/version 2: this page reads version 1/);
    const b = bytesOf(code).slice(0, -4);
    b[0] = 7;
    expect(reason(sealed(b))).toMatch(/version 7/);
  });

  it('out of range with a valid checksum: accuracy above 100%, seed too large, too many seeds, unknown method, kind', () => {
    const body = (f: (w: ByteWriter) => ByteWriter): Uint8Array =>
      f(new ByteWriter().u8(1).u32(5)).bytes();
    expect(
      reason(sealed(body((w) => w.varint(1).varint(0).u8(1).u8(0).u16(10001).u16(5000)))),
    ).toMatch(/100\.01% is outside 0\.\.100%/);
    expect(
      reason(
        sealed(
          body((w) =>
            w
              .varint(1)
              .varint(2 ** 31)
              .u8(1)
              .u8(1)
              .varint(0),
          ),
        ),
      ),
    ).toMatch(/seed 2147483648 is outside/);
    expect(reason(sealed(body((w) => w.varint(MAX_SEEDS + 1))))).toMatch(
      /51 seeds: a code holds 1 to 50/,
    );
    expect(reason(sealed(body((w) => w.varint(0))))).toMatch(/0 seeds/);
    expect(
      reason(
        sealed(
          body((w) =>
            w
              .varint(1)
              .varint(0)
              .u8(1 << METHOD_IDS.length),
          ),
        ),
      ),
    ).toMatch(/unknown one/);
    expect(reason(sealed(body((w) => w.varint(1).varint(0).u8(1).u8(2))))).toMatch(/kind 2/);
    expect(reason(sealed(body((w) => w.varint(1).varint(0).u8(1).u8(1).varint(3).u8(9))))).toMatch(
      /1 bytes left over/,
    );
    expect(
      reason(
        sealed(body((w) => w.varint(1).u8(0xff).u8(0xff).u8(0xff).u8(0xff).u8(0xff).u8(0xff))),
      ),
    ).toMatch(/longer than 5 bytes/);
  });

  it('the same seed twice inside one code, or seeds out of order', () => {
    const body = new ByteWriter()
      .u8(1)
      .u32(5)
      .varint(2)
      .varint(4)
      .u8(1)
      .u8(1)
      .varint(0)
      .varint(4)
      .u8(1)
      .u8(1)
      .varint(0)
      .bytes();
    expect(reason(sealed(body))).toMatch(/seed 4 is repeated or out of order/);
  });
});
