/**
 * npm run export-pytorch -- [run settings]   (see --help)
 *
 * Writes a run as a PyTorch project (.zip): recipe.json, data.npz, start.safetensors, the
 * PyTorch twin's model.py and optimizer code, train.py (single process or torchrun) and a
 * README with the road to timm models and WILDS data. Defaults: the classroom preset, the
 * playground's default lesson.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useCpuBackend } from './node-backend';
import { exportProject } from './export-pytorch/build';
import { parseSettings, USAGE } from './export-pytorch/settings';

async function main(): Promise<void> {
  const s = parseSettings(process.argv.slice(2));
  if (s === 'help') {
    console.log(USAGE);
    return;
  }
  await useCpuBackend();
  const project = await exportProject(s);
  const out =
    s.out ??
    join(fileURLToPath(new URL('../../.cache/exports/', import.meta.url)), `${project.name}.zip`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, project.zip);
  const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
  console.log(
    `${out}: ${kb(project.zip.byteLength)} (${Object.entries(project.sizes)
      .map(([f, n]) => `${f} ${kb(n)}`)
      .join(', ')})`,
  );
  console.log(`unzip it, then: cd ${project.name} && python train.py`);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
