/**
 * GPU dispatches per AdamW step, counted on Dawn (src/cli/bench/dawn-dispatches.ts, in a
 * child process: Dawn needs Chromium's Vulkan loader on LD_LIBRARY_PATH from the start), beside
 * issue #25's goal: a tenth of turn 2's kernel count (ViT 2,267, ConvNeXt 1,911, ResNet 1,531).
 * Skipped, with a line saying so, where dawn.node has not been fetched (`npm run gpu-kit`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Family } from '../../spec/model-config';

const DAWN_PATHS = [
  '.cache/gpu-kit/dawn.node',
  '.cache/gpu-kit/webgpu/package/dist/linux-x64/dawn.node',
];
const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
/** Turn 2's tfjs kernels per AdamW step (generic ops, batch 16): the goal is a tenth of it. */
const TURN2_KERNELS: Record<Family, number> = { vit: 2267, convnext: 1911, resnet: 1531 };

interface Count {
  family: Family;
  stepDispatches: number;
  byKey: Record<string, number>;
}

export function benchDispatches(families: readonly Family[], batch: number): void {
  const dawn = DAWN_PATHS.find((p) => existsSync(p));
  console.log(
    `\n## GPU dispatches per AdamW step (Dawn, batch ${batch}; src/cli/bench/dawn-dispatches.ts)\n`,
  );
  if (!dawn || !existsSync(ICD)) {
    console.log(
      "(skipped: needs dawn.node, which `npm run gpu-kit` fetches, and Chromium's SwiftShader)",
    );
    return;
  }
  const r = spawnSync(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      'src/cli/bench/dawn-dispatches.ts',
      '--dawn',
      resolve(dawn),
      '--batch',
      String(batch),
      '--models',
      families.join(','),
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, LD_LIBRARY_PATH: '/usr/lib/chromium', VK_ICD_FILENAMES: ICD },
    },
  );
  if (r.status !== 0) {
    console.log(`(dawn-dispatches failed, exit ${r.status}: ${r.stderr.slice(-500)})`);
    return;
  }
  console.log(
    '| model | dispatches / step | forward | backward | norms | optimizer | goal (a tenth of turn 2) | dispatches / goal |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const line of r.stdout.split('\n').filter((l) => l.startsWith('{'))) {
    const c = JSON.parse(line) as Count;
    const phase = (p: string): number =>
      Object.entries(c.byKey).reduce((n, [k, v]) => (k.startsWith(`${p}\t`) ? n + v : n), 0);
    const goal = Math.round(TURN2_KERNELS[c.family] / 10);
    console.log(
      `| ${c.family} | ${c.stepDispatches} | ${phase('forward')} | ${phase('backward')} | ${phase('norms')} | ${phase('optimizer')} | ${goal} | ${(c.stepDispatches / goal).toFixed(2)}x |`,
    );
  }
}
