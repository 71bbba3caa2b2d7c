/**
 * npm run gpu-kit [-- --out .cache/gpu-kit/kit]
 *
 * Builds a self-contained folder (at most 60 MiB) that runs the training bench on WebGPU with no
 * browser, for a machine with a real GPU and nothing installed (tools/gpu-kit/README.md):
 * - node.gz: this Node binary, gzipped;
 * - dawn.node.gz: Dawn as a Node addon, from the npm package `webgpu` (linux-x64), fetched with
 *   `npm pack` at build time (not a dependency: 130 MB unpacked for every platform);
 * - bench.mjs: src/cli/bench/dawn-bench.ts and the engine, bundled into one file by esbuild;
 * - lib/libvulkan.so.1: the Vulkan loader (Chromium's copy), which Dawn needs on Linux;
 * - py/: the PyTorch twin's models and tools/torch_twin/bench_step.py, for PyTorch CUDA beside it;
 * - run.sh, summarise_torch.py, README.md.
 * Check it here on SwiftShader: sh <kit>/run.sh with VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const WEBGPU_PACKAGE = 'webgpu@0.6.2';
const LIMIT = 60 * 1024 * 1024;

const { values: args } = parseArgs({
  options: { out: { type: 'string', default: '.cache/gpu-kit/kit' } },
});
const out = args.out as string;
const cache = '.cache/gpu-kit';

function dawnNode(): string {
  const path = join(cache, 'webgpu', 'package', 'dist', 'linux-x64', 'dawn.node');
  if (existsSync(path)) return path;
  mkdirSync(join(cache, 'webgpu'), { recursive: true });
  const tgz = execFileSync(
    'npm',
    ['pack', WEBGPU_PACKAGE, '--silent', '--pack-destination', join(cache, 'webgpu')],
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .pop() as string;
  execFileSync('tar', [
    'xzf',
    join(cache, 'webgpu', tgz),
    '-C',
    join(cache, 'webgpu'),
    'package/dist/linux-x64/dawn.node',
    'package/LICENSE.md',
  ]);
  return path;
}

const gzipTo = (src: string, dst: string): void =>
  writeFileSync(dst, gzipSync(readFileSync(src), { level: 9 }));

function sizeOf(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? sizeOf(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'lib'), { recursive: true });
process.stderr.write('gpu-kit: bundling the bench\n');
await build({
  entryPoints: ['src/cli/bench/dawn-bench.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: join(out, 'bench.mjs'),
  logLevel: 'warning',
  // Bundled CommonJS (tfjs's deps) calls require(): give the ES module one.
  banner: {
    js: "import { createRequire as __ftpRequire } from 'node:module'; const require = __ftpRequire(import.meta.url);",
  },
});
process.stderr.write('gpu-kit: dawn.node\n');
const dawn = dawnNode();
gzipTo(dawn, join(out, 'dawn.node.gz'));
copyFileSync(join(cache, 'webgpu', 'package', 'LICENSE.md'), join(out, 'LICENSE-dawn-node.md'));
process.stderr.write(`gpu-kit: node ${process.version} (${process.execPath})\n`);
gzipTo(process.execPath, join(out, 'node.gz'));
const vulkan = '/usr/lib/chromium/libvulkan.so.1';
if (existsSync(vulkan)) copyFileSync(vulkan, join(out, 'lib', 'libvulkan.so.1'));
else
  process.stderr.write(
    "gpu-kit: no Vulkan loader at /usr/lib/chromium (apt-get install -y chromium): the kit will need the machine's libvulkan1\n",
  );
// The twin, for PyTorch CUDA: bench_step and what it imports (specs, optim, models), as a package.
const py = join(out, 'py', 'tools', 'torch_twin');
mkdirSync(py, { recursive: true });
writeFileSync(join(out, 'py', 'tools', '__init__.py'), '');
for (const f of ['__init__.py', 'bench_step.py', 'specs.py', 'specs.json', 'optim.py'])
  copyFileSync(join('tools', 'torch_twin', f), join(py, f));
cpSync(join('tools', 'torch_twin', 'models'), join(py, 'models'), {
  recursive: true,
  filter: (s) => !s.includes('__pycache__'),
});
for (const f of ['run.sh', 'summarise_torch.py', 'README.md'])
  copyFileSync(join('tools', 'gpu-kit', f), join(out, f));
const size = sizeOf(out);
console.log(
  `gpu-kit: ${out}, ${(size / 1024 / 1024).toFixed(1)} MiB (limit ${LIMIT / 1024 / 1024} MiB)`,
);
if (size > LIMIT)
  throw new Error(
    `the kit is ${(size / 1024 / 1024).toFixed(1)} MiB, over the ${LIMIT / 1024 / 1024} MiB limit`,
  );
