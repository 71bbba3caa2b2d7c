/**
 * --grad-ratios on the TS engine: the real ViT checkpoint and style benchmark, one batch; the
 * results file is written after every pair and a second call keeps what is on disk.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../../src/cli/node-backend';
import { runGradRatios } from '../../../src/cli/experiment/grad-ratio-run';

let dir: string;
beforeAll(async () => {
  await useCpuBackend();
  dir = mkdtempSync(join(tmpdir(), 'ftp-gr-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gradient ratios at the pretrained weights (TS engine)', () => {
  it('measures, saves, and resumes from the file', async () => {
    const lines: string[] = [];
    await runGradRatios(dir, ['vit-adamw'], ['style'], 1, (l) => lines.push(l));
    const file = JSON.parse(readFileSync(join(dir, 'grad-ratios-tfjs.json'), 'utf8')) as {
      maxBatches: number;
      results: Record<
        string,
        Record<string, { ratio: number; batches: number; perLayer: Record<string, number> }>
      >;
    };
    const r = file.results['vit-adamw']?.style;
    expect(file.maxBatches).toBe(1);
    expect(r?.batches).toBe(1);
    expect(r?.ratio).toBeGreaterThan(0);
    expect(Object.keys(r?.perLayer ?? {})).toContain('patch_embed');

    lines.length = 0;
    await runGradRatios(dir, ['vit-adamw'], ['style'], 1, (l) => lines.push(l));
    expect(lines[0]).toMatch(/\(on disk\)/);
    const again = JSON.parse(
      readFileSync(join(dir, 'grad-ratios-tfjs.json'), 'utf8'),
    ) as typeof file;
    expect(again.results['vit-adamw']?.style?.ratio).toBe(r?.ratio);
  }, 180_000);
});
