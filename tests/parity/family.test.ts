/**
 * The checkpoint family (issue #20, public/models/family) against PyTorch: every member's
 * manifest entry is true (sha256, size, parameter counts from the engine's specs, a config the
 * engine builds), the family stays within its 8 MB; and for the members with fixtures
 * (tools/torch_twin/fixtures/family.py: two of them), with a fresh 5-class head on the lesson's
 * data the engine's per-layer gradient norms (measureGradNorms) match PyTorch's within 1e-3,
 * and so do the raw embedding / largest-middle ratio and its per-parameter (RMS) form.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSafetensors, toFloat32, type StTensor } from '../../src/core/checkpoint/safetensors';
import { embedToMaxMiddleRmsRatio } from '../../src/core/metrics/grad-norms';
import { buildModel } from '../../src/core/models/build-model';
import { expectEntryTrue, readManifest } from './checkpoint-manifest';
import { expectNormsMatch, get, taskGradNorms } from './task-grad-norms';

const FAMILY_DIR = fileURLToPath(new URL('../../public/models/family/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/family/', import.meta.url));
const MAX_FAMILY_BYTES = 8 * 1024 * 1024;

const manifest = readManifest(FAMILY_DIR);

function st(path: string): { tensors: Map<string, StTensor>; metadata: Record<string, string> } {
  return readSafetensors(new Uint8Array(readFileSync(path)), { file: path });
}

describe('checkpoint family: manifest', () => {
  it('makes, with the four shipped checkpoints, at least 8 members, within 8 MB in all', () => {
    expect(manifest.models.length + 4).toBeGreaterThanOrEqual(8);
    const total = manifest.models.reduce((s, m) => s + m.bytes, 0);
    expect(manifest.totalBytes).toBe(total);
    expect(total).toBeLessThanOrEqual(MAX_FAMILY_BYTES);
  });

  it.each(manifest.models.map((m) => [m.name, m] as const))(
    '%s: sha256, size and parameter counts are true',
    (_n, entry) => {
      expectEntryTrue(entry, new Uint8Array(readFileSync(FAMILY_DIR + entry.file)));
    },
  );
});

const withFixtures = manifest.models.filter((m) => existsSync(`${FIXTURES}${m.name}.safetensors`));

describe('checkpoint family: gradient ratio against PyTorch', () => {
  it('has fixtures for two members', () => {
    expect(withFixtures.length).toBe(2);
  });

  it.each(withFixtures.map((m) => [m.name, m] as const))(
    '%s: per-layer norms, raw and RMS ratio match PyTorch',
    async (_n, entry) => {
      const inputs = st(FIXTURES + 'inputs.safetensors').tensors;
      const fx = st(`${FIXTURES}${entry.name}.safetensors`);
      expect(
        fx.metadata.checkpointSha256,
        'fixture made from another checkpoint: rerun tools/torch_twin/fixtures/family.py',
      ).toBe(entry.sha256);
      const def = buildModel({ ...entry.config, numClasses: Number(fx.metadata.taskClasses) });
      const bytes = new Uint8Array(readFileSync(FAMILY_DIR + entry.file));
      const perLayer = await taskGradNorms(def, bytes, entry.file, fx.tensors, inputs);
      expectNormsMatch(def, perLayer, fx);
      const rms = embedToMaxMiddleRmsRatio(def, perLayer) ?? Number.NaN;
      expect(Math.abs(rms - (toFloat32(get(fx.tensors, 'rms_ratio'))[0] as number))).toBeLessThan(
        1e-3 * rms,
      );
    },
  );
});
