/**
 * The fine-tuned weights as a tfjs model folder, as Teachable Machine ships one: model.json
 * (tfjs's model-artifacts format: a weightsManifest naming every tensor with its shape and
 * dtype, all in one weights.bin), weights.bin (float32, little-endian, in manifest order) and
 * metadata.json (labels, input size and normalisation, the run's configuration, versions).
 *
 * The micro ViT/ConvNeXt/ResNet are not Keras layer graphs (attention and our param groups
 * have no tfjs-layers equivalent), so modelTopology holds the engine's ModelConfig instead of
 * a Keras config and tf.loadLayersModel cannot rebuild it; tf.io.decodeWeights(weights.bin,
 * weightsManifest[0].weights) reads the tensors and the engine's buildModel(config) runs them.
 * Made in the worker, from the worker's own safetensors export.
 * Weights are in tfjs layout (HWIO convs, [in, out] linears), unlike the safetensors export,
 * which keeps PyTorch's.
 */
import { strToU8, zipSync } from 'fflate';
import { fromStateDict } from '../core/checkpoint/names';
import { readSafetensors } from '../core/checkpoint/safetensors';
import { modelSpec, type ModelConfig } from '../spec/model-config';
import { DEFAULT_NORMALIZE } from '../core/train/batch';
import { VERSIONS } from '../protocol/versions';

export const TFJS_FORMAT = 'fine-tune-playground';

export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface ModelJson {
  format: typeof TFJS_FORMAT;
  generatedBy: string;
  convertedBy: null;
  modelTopology: { engine: typeof TFJS_FORMAT; family: ModelConfig['family']; config: ModelConfig };
  weightsManifest: { paths: string[]; weights: WeightEntry[] }[];
}

export interface TfjsModelFiles {
  modelJson: ModelJson;
  weightsBin: Uint8Array;
  metadata: Record<string, unknown>;
}

export interface TfjsExtra {
  labels: readonly string[];
  /** The playground settings the run used, and their link. */
  settings?: unknown;
  hash?: string;
  now?: Date;
}

/** From the worker's safetensors export (PyTorch layout, config and method in its metadata). */
export function tfjsModelFromSafetensors(bytes: Uint8Array, extra: TfjsExtra): TfjsModelFiles {
  const file = readSafetensors(bytes, { file: 'exported weights' });
  const raw = file.metadata.config;
  if (!raw) throw new Error('the exported weights carry no model config');
  const config = JSON.parse(raw) as ModelConfig;
  const def = modelSpec(config);
  const values = fromStateDict(def, file.tensors, { what: 'exported weights' });
  const weights: WeightEntry[] = def.specs.map((s) => ({
    name: s.name,
    shape: [...s.shape],
    dtype: 'float32',
  }));
  const total = def.specs.reduce((n, s) => n + (values.get(s.name) as Float32Array).length, 0);
  const all = new Float32Array(total); // host order is little-endian on every platform a browser runs on
  let at = 0;
  for (const s of def.specs) {
    const v = values.get(s.name) as Float32Array;
    all.set(v, at);
    at += v.length;
  }
  const modelJson: ModelJson = {
    format: TFJS_FORMAT,
    generatedBy: VERSIONS.app,
    convertedBy: null,
    modelTopology: { engine: TFJS_FORMAT, family: config.family, config },
    weightsManifest: [{ paths: ['weights.bin'], weights }],
  };
  const metadata = {
    packageName: 'fine-tune-playground',
    packageVersion: VERSIONS.app,
    tfjsVersion: VERSIONS.tfjs,
    timeStamp: (extra.now ?? new Date()).toISOString(),
    modelName: `${config.family}-${file.metadata.method ?? 'model'}`,
    family: config.family,
    method: file.metadata.method ?? null,
    steps: Number(file.metadata.steps ?? 0),
    labels: [...extra.labels],
    imageSize: 28,
    channels: 3,
    input: 'RGB, [batch, 28, 28, 3] (NHWC), pixels/255 then (x - mean) / std',
    normalize: DEFAULT_NORMALIZE,
    weightsLayout: 'tfjs (HWIO convolutions, [in, out] linears)',
    modelConfig: config,
    settings: extra.settings ?? null,
    link: extra.hash ?? null,
  };
  return { modelJson, weightsBin: new Uint8Array(all.buffer), metadata };
}

/** The three files as one .zip (browsers ask before a page starts several downloads at once). */
export function tfjsModelZip(files: TfjsModelFiles): Uint8Array<ArrayBuffer> {
  const entries: Record<string, Uint8Array> = {
    'model.json': strToU8(JSON.stringify(files.modelJson)),
    'weights.bin': files.weightsBin,
    'metadata.json': strToU8(JSON.stringify(files.metadata, null, 1)),
  };
  return zipSync(entries, { level: 6 }) as Uint8Array<ArrayBuffer>;
}
