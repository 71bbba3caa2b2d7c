/** Issue 22 item 6: a tiny own folder is warned about before the run, and the page's notes follow the data chosen. */
import { encode } from 'fast-png';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { decodePngFast } from '../../../src/data/import/fast-png-decoder';
import type { PickedFile } from '../../../src/ui/features/choose/own-folder';
import { OwnFolderPicker } from '../../../src/ui/features/choose/own-folder-picker';
import { PresetButtons } from '../../../src/ui/features/choose/preset-buttons';
import { referenceApplies } from '../../../src/ui/reference/reference-applies';
import { describeOwnConfig } from '../../../src/ui/settings/describe-config';
import {
  batchForMinSteps,
  ownDataWarning,
  type OwnCounts,
} from '../../../src/ui/settings/own-data-warning';
import { defaultSettings, type Config } from '../../../src/ui/settings/settings-table';
import { useStore } from '../../../src/ui/store/store';
import { importPickedImages } from '../../../src/worker/picked-images';

const config = (over: Partial<Config> = {}): Config => ({
  ...defaultSettings(),
  batchSize: 32,
  epochs: 1,
  steps: 0,
  ...over,
});
const counts = (train: number[], idVal: number[], ood: number[] = []): OwnCounts => ({
  classNames: train.map((_, i) => `c${i}`),
  counts: { train, idVal, ood },
});

describe('ownDataWarning', () => {
  it("warns for the issue's folder: 2 classes × 16 training images give 1 step at batch 32", () => {
    const w = ownDataWarning(config(), counts([16, 16], [4, 4]));
    expect(w).toMatch(/^2 classes × 16 training images: 1 step per method at batch 32\./);
    expect(w).toMatch(/chance is 50%/);
    expect(w).toMatch(/each of the 8 ID validation images moves ID accuracy by 12\.5 points/);
    expect(w).toMatch(/cannot show the paper's gap/);
    expect(w).toMatch(/add images \(at least 50 training images per class\)/);
    // 32 images, 10 steps in 1 epoch: batch 3 at most.
    expect(w).toMatch(/lower the batch size to 3 or less/);
  });

  it('names the range when classes differ, and is silent for a split large enough', () => {
    expect(ownDataWarning(config(), counts([8, 60, 60], [2, 15, 15]))).toMatch(
      /^3 classes × 8–60 training images/,
    );
    // 120 images at batch 32: 3 steps an epoch, so 3 epochs (9 steps) warn and 4 (12) do not.
    expect(ownDataWarning(config({ epochs: 3 }), counts([60, 60], [15, 15]))).toMatch(
      /9 steps per method/,
    );
    expect(ownDataWarning(config({ epochs: 4 }), counts([60, 60], [15, 15]))).toBeNull();
  });

  it('warns on steps alone when every class has 50 images but the batch is large', () => {
    const w = ownDataWarning(config({ batchSize: 64 }), counts([50, 50], [12, 12]));
    expect(w).toMatch(/1 step per method at batch 64/);
    expect(w).not.toMatch(/add images/);
    expect(w).toMatch(/lower the batch size to 10 or less, or raise the epochs/);
    // A step cap below 10 is what to raise, not the epochs.
    expect(ownDataWarning(config({ steps: 1, batchSize: 2 }), counts([60, 60], [15, 15]))).toMatch(
      /1 step per method at batch 2\. .*raise the cap on steps per method\.$/,
    );
  });

  it('batchForMinSteps: the largest batch that still gives 10 steps', () => {
    expect(batchForMinSteps(32, 1)).toBe(3);
    expect(batchForMinSteps(100, 2)).toBe(20);
    expect(batchForMinSteps(5, 1)).toBe(0);
  });
});

const png = (v: number): Uint8Array<ArrayBuffer> =>
  encode({
    width: 4,
    height: 4,
    data: new Uint8Array(4 * 4 * 3).fill(v),
    channels: 3,
    depth: 8,
  }) as Uint8Array<ArrayBuffer>;
const folder = (classes: string[], n: number): PickedFile[] =>
  classes.flatMap((c, k) =>
    Array.from({ length: n }, (_, i) => ({
      relativePath: `pets/${c}/${i}.png`,
      file: new Blob([png(40 * k + i)]),
    })),
  );

/** Server rendering reads zustand's initial state: copy the current state into it for the render. */
function render(el: Parameters<typeof renderToStaticMarkup>[0]): string {
  const initial = useStore.getInitialState();
  const saved = { ...initial };
  Object.assign(initial, useStore.getState());
  try {
    return renderToStaticMarkup(el);
  } finally {
    Object.assign(initial, saved);
  }
}

describe('a tiny own folder on the page', () => {
  beforeEach(() => {
    useStore.getState().resetConfig();
    useStore.getState().resetOwnData();
  });

  it('the picker shows the warning; the In force note describes the images, not the acquisition preset', async () => {
    await useStore
      .getState()
      .importFolders(
        (files, seed) =>
          importPickedImages({ type: 'import-images', requestId: 0, files, seed }, decodePngFast),
        folder(['cats', 'dogs'], 20),
        [],
        0,
      );
    expect(useStore.getState().own.error).toBeNull();
    // Imported but not in use: the benchmark's note, no warning.
    expect(render(createElement(OwnFolderPicker, { disabled: false }))).not.toContain(
      'own-data-warning',
    );
    useStore.getState().setOwnActive(true);
    const picker = render(createElement(OwnFolderPicker, { disabled: false }));
    expect(picker).toContain('data-testid="own-data-warning"');
    expect(picker).toMatch(/2 classes × \d+ training images: \d+ steps? per method/);
    const note = render(createElement(PresetButtons, { disabled: false }));
    expect(note).toMatch(/In force: .* on your own images: 2 classes \(cats, dogs\), \d+ training/);
    const inForce = note.slice(note.indexOf('settings-in-force'));
    expect(inForce).not.toContain('acquisition');
    expect(note).not.toContain('This is the classroom preset');
    useStore.getState().setOwnActive(false);
    expect(render(createElement(PresetButtons, { disabled: false }))).toMatch(
      /In force: .* on acquisition/,
    );
  });

  it('describeOwnConfig and referenceApplies follow the data chosen', () => {
    const d = describeOwnConfig(config(), counts([16, 16], [4, 4], [3, 3]));
    expect(d).toMatch(
      /on your own images: 2 classes \(c0, c1\), 32 training, 8 ID validation and 6 OOD test images, batch 32, 1 epoch/,
    );
    expect(referenceApplies({ benchmark: 'acquisition' }, 'acquisition', false)).toBe(true);
    expect(referenceApplies({ benchmark: 'acquisition' }, 'acquisition', true)).toBe(false);
    expect(referenceApplies({ benchmark: 'acquisition' }, 'waterbirds', false)).toBe(false);
  });
});
