import { encode } from 'fast-png';
import { beforeEach, describe, expect, it } from 'vitest';
import { decodePngFast } from '../../../src/data/import/fast-png-decoder';
import {
  pickedEntries,
  reportRows,
  type PickedFile,
} from '../../../src/ui/features/choose/own-folder';
import { loadRequest } from '../../../src/ui/features/load-request';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { dataSource } from '../../../src/ui/settings/to-commands';
import { useStore } from '../../../src/ui/store/store';
import { importPickedImages } from '../../../src/worker/picked-images';
import { ownData } from '../../../src/worker/own-data';

import type { ImageImporter } from '../../../src/ui/store/own-data-slice';
const png = (v: number): Uint8Array<ArrayBuffer> =>
  encode({
    width: 4,
    height: 4,
    data: new Uint8Array(4 * 4 * 3).fill(v),
    channels: 3,
    depth: 8,
  }) as Uint8Array<ArrayBuffer>;
const file = (relativePath: string, bytes: Uint8Array<ArrayBuffer> = png(100)): PickedFile => ({
  relativePath,
  file: new Blob([bytes]),
});
/** The worker's import (picked-images.ts), called in-process: what `client.request` would answer. */
const importer =
  (decode = decodePngFast): ImageImporter =>
  (files, seed) =>
    importPickedImages({ type: 'import-images', requestId: 0, files, seed }, decode);

/** A picked folder: "<name>/<class>/<i>.png", n images per class. */
function folder(name: string, classes: string[], n: number): PickedFile[] {
  return classes.flatMap((c, k) =>
    Array.from({ length: n }, (_, i) => file(`${name}/${c}/${i}.png`, png(40 * k + i))),
  );
}

describe('your own images: from the picked folders to the worker', () => {
  beforeEach(() => useStore.getState().resetOwnData());

  it('drops the picked folder name; a second folder becomes ood/ and the first train/', () => {
    expect(
      pickedEntries([file('pets/cats/1.png'), file('pets/dogs/1.png')]).map((e) => e.path),
    ).toEqual(['cats/1.png', 'dogs/1.png']);
    const both = pickedEntries([file('pets/cats/1.png')], [file('pets-at-night/cats/9.png')]);
    expect(both.map((e) => e.path)).toEqual(['train/cats/1.png', 'ood/cats/9.png']);
    // A first folder already in train/ val/ layout keeps it; a second ood/ then clashes.
    expect(
      pickedEntries(
        [file('set/train/cats/1.png'), file('set/val/cats/2.png')],
        [file('o/cats/3.png')],
      ).map((e) => e.path),
    ).toEqual(['train/cats/1.png', 'val/cats/2.png', 'ood/cats/3.png']);
    expect(() =>
      pickedEntries(
        [file('set/train/cats/1.png'), file('set/ood/cats/2.png')],
        [file('o/cats/3.png')],
      ),
    ).toThrow(/already has an ood/);
  });

  it('imports two folders: counts per class, the OOD set from the second, a corrupt file named with its reason', async () => {
    const main = [
      ...folder('pets', ['cats', 'dogs'], 5),
      file('pets/dogs/broken.png', new Uint8Array([1, 2, 3]) as Uint8Array<ArrayBuffer>),
    ];
    await useStore
      .getState()
      .importFolders(importer(), main, folder('night', ['cats', 'dogs'], 2), 0);
    const s = useStore.getState().own;
    expect(s.error).toBeNull();
    expect(s.id).toBe(1);
    const r = s.result?.report;
    expect(r?.classNames).toEqual(['cats', 'dogs']);
    expect(reportRows(r!).map((x) => [x.className, x.train + x.idVal, x.ood])).toEqual([
      ['cats', 5, 2],
      ['dogs', 5, 2],
    ]);
    expect(r?.corrupt).toHaveLength(1);
    expect(r?.corrupt[0]?.path).toBe('train/dogs/broken.png');
    expect(r?.corrupt[0]?.reason.length).toBeGreaterThan(0);
    expect(s.result?.sets.ood.n).toBe(4);
  });

  it('a folder with one class is refused with a message saying what to do', async () => {
    await useStore.getState().importFolders(importer(), folder('pets', ['cats'], 3), [], 0);
    expect(useStore.getState().own.result).toBeNull();
    expect(useStore.getState().own.error).toMatch(/only one class \("cats"\).*at least 2/);
  });

  it('Load sends the imported sets (not the benchmark) and needs an import first', async () => {
    const c = defaultSettings();
    expect(loadRequest(c, { active: false, result: null, id: 0, error: null })).toMatchObject({
      ok: true,
      data: dataSource(c),
    });
    expect(loadRequest(c, { active: true, result: null, id: 0, error: null })).toMatchObject({
      ok: false,
      reason: /pick a folder/,
    });
    useStore.getState().setOwnActive(true);
    await useStore.getState().importFolders(importer(), folder('pets', ['cats', 'dogs'], 5), [], 0);
    const req = loadRequest(c, useStore.getState().own);
    expect(req.ok && req.data.images?.train.numClasses).toBe(2);
    // The worker side: the sets become the data a run trains on.
    const data = ownData(req.ok ? req.data.images! : (undefined as never), 0);
    expect(data.sets.train.n + data.sets.idVal.n).toBe(10);
    expect(data).toMatchObject({
      idMetric: 'accuracy',
      oodMetric: 'accuracy',
      augment: { flip: false },
    });
  });
});

describe('your own images: overlapping picks', () => {
  beforeEach(() => useStore.getState().resetOwnData());

  it('the last pick wins even when an earlier import finishes later', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: typeof decodePngFast = async (bytes, path) => {
      await gate;
      return decodePngFast(bytes, path);
    };
    const first = useStore
      .getState()
      .importFolders(importer(slow), folder('pets', ['cats', 'dogs'], 2), [], 0);
    await useStore.getState().importFolders(importer(), folder('one', ['cats'], 2), [], 0);
    release();
    await first;
    expect(useStore.getState().own.result).toBeNull();
    expect(useStore.getState().own.error).toMatch(/only one class/);
  });
});
