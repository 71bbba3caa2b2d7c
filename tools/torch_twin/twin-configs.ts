/**
 * Every model config the PyTorch twin builds, typed against the engine's ModelConfig so a
 * renamed or missing field fails the typecheck instead of drifting. write-specs.ts turns each
 * into its parameter specs (tools/torch_twin/specs.json); the Python reads configs from there.
 *
 * - default: the engine's micro configs (pretraining uses them with the pool's 20 classes).
 * - family: the checkpoint family's non-default configs (issue #20; docs/results/family-declared.md):
 *   the micro ViT with 14x14 patches (4 tokens, a 4x larger patch embedding).
 * - fixture / trajectory: small configs of each family for the parity fixtures
 *   (tests/fixtures/parity). The architecture code is the defaults', only sizes shrink, so the
 *   fixtures stay small and the parity tests fast. Field order is kept as written: it is the
 *   order of the config JSON in the fixtures' metadata.
 */
import {
  defaultModelConfig,
  FAMILIES,
  type Family,
  type ModelConfig,
} from '../../src/spec/model-config';

export type ConfigSet = 'default' | 'family' | 'fixture' | 'trajectory';

const FIXTURE = {
  vit: {
    family: 'vit',
    imageSize: 14,
    patchSize: 7,
    channels: 3,
    dim: 16,
    depth: 2,
    heads: 2,
    mlpRatio: 2,
    numClasses: 5,
    embed: 'patch',
  },
  convnext: {
    family: 'convnext',
    imageSize: 16,
    channels: 3,
    patchSize: 2,
    dims: [8, 16],
    depths: [1, 1],
    numClasses: 5,
    layerScaleInit: 1e-6,
    embed: 'stem+stage0',
  },
  resnet: {
    family: 'resnet',
    imageSize: 14,
    channels: 3,
    widths: [4, 8, 8],
    blocks: [1, 1, 1],
    numClasses: 5,
    embed: 'stem+layer1',
  },
} satisfies Record<Family, ModelConfig>;

// Smaller still: 20 optimizer steps of each are stored in full.
const TRAJECTORY = {
  vit: { ...FIXTURE.vit, depth: 1, dim: 12, numClasses: 4 },
  convnext: { ...FIXTURE.convnext, dims: [6, 8], numClasses: 4 },
  resnet: { ...FIXTURE.resnet, widths: [4, 6], blocks: [1, 1], numClasses: 4 },
} satisfies Record<Family, ModelConfig>;

const FAMILY = {
  vit: defaultModelConfig('vit', { patchSize: 14 }),
} satisfies Partial<Record<Family, ModelConfig>>;

export const TWIN_CONFIGS: Record<ConfigSet, Partial<Record<Family, ModelConfig>>> = {
  default: Object.fromEntries(FAMILIES.map((f) => [f, defaultModelConfig(f)])) as Record<
    Family,
    ModelConfig
  >,
  family: FAMILY,
  fixture: FIXTURE,
  trajectory: TRAJECTORY,
};
