/**
 * Shared by the checkpoint parity tests (checkpoints.test.ts, family.test.ts): a checkpoint
 * manifest read from its folder, and the check that an entry's sha256, size and parameter
 * counts (from the engine's specs for its config) are true of the file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { buildModel } from '../../src/core/models/build-model';
import { numel } from '../../src/spec/param-spec';
import type { ModelConfig } from '../../src/spec/model-config';

/** What every checkpoint manifest entry holds (the shipped one adds more). */
export interface CheckpointEntry {
  name: string;
  file: string;
  config: ModelConfig;
  params: number;
  embedParams: number;
  sha256: string;
  bytes: number;
}

/** `${dir}manifest.json`: its entries and their total size. */
export function readManifest<E extends CheckpointEntry>(
  dir: string,
): { models: E[]; totalBytes: number } {
  return JSON.parse(readFileSync(dir + 'manifest.json', 'utf8')) as {
    models: E[];
    totalBytes: number;
  };
}

/** The entry's sha256 and size are those of `bytes`; its parameter counts the engine's. */
export function expectEntryTrue(entry: CheckpointEntry, bytes: Uint8Array): void {
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
  expect(bytes.length).toBe(entry.bytes);
  const def = buildModel(entry.config);
  const params = def.specs.filter((s) => s.kind === 'param');
  expect(params.reduce((s, p) => s + numel(p.shape), 0)).toBe(entry.params);
  const embed = params.filter((p) => def.groupOfLayer.get(p.layer) === 'embed');
  expect(embed.reduce((s, p) => s + numel(p.shape), 0)).toBe(entry.embedParams);
}
