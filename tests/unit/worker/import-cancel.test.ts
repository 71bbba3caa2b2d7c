/**
 * Cancelling an import (issue #24: "an import cannot be cancelled"): a `cancel-import` notice
 * stops the worker's decoding before its next file, the reply says how many images had been
 * decoded, and nothing more is decoded. The real Session and importer, with the real PNG
 * decoder behind a counter; the notice is handled while the import awaits, as the worker's
 * onmessage does.
 */
import { encode } from 'fast-png';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ImageDecoder } from '../../../src/data/import/decoder';
import { entriesFromRecord } from '../../../src/data/import/entries';
import { decodePngFast } from '../../../src/data/import/fast-png-decoder';
import { importImages } from '../../../src/data/import/import-images';
import type { WorkerEvent } from '../../../src/protocol/messages';
import { OwnFolderPicker } from '../../../src/ui/features/choose/own-folder-picker';
import { useStore } from '../../../src/ui/store/store';
import { Session } from '../../../src/worker/session';
import type { SessionPorts } from '../../../src/worker/session-ports';

const png = (v: number): Uint8Array<ArrayBuffer> =>
  encode({
    width: 4,
    height: 4,
    data: new Uint8Array(48).fill(v),
    channels: 3,
    depth: 8,
  }) as Uint8Array<ArrayBuffer>;
const PATHS = [
  'cats/1.png',
  'cats/2.png',
  'cats/3.png',
  'cats/4.png',
  'dogs/1.png',
  'dogs/2.png',
  'dogs/3.png',
  'dogs/4.png',
];

/** Ports for a session that only imports: anything else it asks for is a test failure. */
function importOnlyPorts(decodeImage: ImageDecoder): SessionPorts {
  const unused = (): never => {
    throw new Error('not used by an import');
  };
  return {
    decodeImage,
    selectBackend: unused,
    device: () => null,
    shardSource: unused,
    loadModel: unused,
    releaseGpu: unused,
  };
}

describe('cancelling an import', () => {
  it('importImages stops before the next file once its signal is aborted, saying how far it got', async () => {
    const abort = new AbortController();
    let decoded = 0;
    const decode: ImageDecoder = async (b, p) => {
      if (++decoded === 3) abort.abort();
      return decodePngFast(b, p);
    };
    const entries = entriesFromRecord(Object.fromEntries(PATHS.map((p, i) => [p, png(i * 30)])));
    await expect(importImages(entries, decode, { signal: abort.signal })).rejects.toMatchObject({
      code: 'cancelled',
      message:
        'import cancelled after 3 of 8 images had been decoded; nothing was kept: pick the folder again to import it',
    });
    expect(decoded).toBe(3);
  });

  it('the worker session: cancel-import during import-images answers with the count, then imports work again', async () => {
    const events: WorkerEvent[] = [];
    let decoded = 0;
    let cancelAfter = 2;
    const session: Session = new Session(
      (e) => events.push(e),
      importOnlyPorts(async (b, p) => {
        if (++decoded === cancelAfter) await session.handle({ type: 'cancel-import' });
        return decodePngFast(b, p);
      }),
    );
    const files = PATHS.map((path, i) => ({ path, file: new Blob([png(i * 30)]) }));
    await session.handle({ type: 'import-images', requestId: 1, files, seed: 0 });
    expect(events).toEqual([
      {
        type: 'images-imported',
        requestId: 1,
        error: expect.stringMatching(/^import cancelled after 2 of 8 images had been decoded/),
      },
    ]);
    expect(decoded).toBe(2);
    // The cancel ended with that import: the next one runs to the end.
    cancelAfter = -1;
    decoded = 0;
    await session.handle({ type: 'import-images', requestId: 2, files, seed: 0 });
    expect(events[1]).toMatchObject({
      type: 'images-imported',
      requestId: 2,
      report: { classNames: ['cats', 'dogs'] },
    });
    expect(decoded).toBe(8);
  });

  it('the picker offers Cancel while an import runs, with the folder pickers waiting', () => {
    const initial = useStore.getInitialState();
    const saved = initial.own;
    initial.own = { ...saved, busy: true };
    try {
      const html = renderToStaticMarkup(createElement(OwnFolderPicker, { disabled: false }));
      expect(html).toMatch(
        /<button type="button" data-testid="own-cancel">Cancel the import<\/button>/,
      );
      expect(html).toMatch(/<input id="own-main"[^>]* disabled=""/);
      expect(html).not.toMatch(/<fieldset[^>]*disabled/);
    } finally {
      initial.own = saved;
    }
  });
});
