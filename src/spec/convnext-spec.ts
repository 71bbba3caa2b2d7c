/**
 * The micro ConvNeXt's spec, timm layout and names: patchify stem + LayerNorm, stages of
 * [depthwise 7x7 -> LayerNorm -> Linear 4x -> GELU -> Linear -> layer scale] residual blocks,
 * LayerNorm + 2x2 stride-2 conv between stages, global average pool + LayerNorm + Linear head:
 * its config, every parameter, layers and groups. The forward pass is core/models/convnext.ts.
 */
import type { ModelSpec } from './model-spec';
import type { GroupName, ParamSpec } from './param-spec';

export interface ConvNextConfig {
  imageSize: number;
  channels: number;
  /** Stem conv kernel = stride. */
  patchSize: number;
  dims: number[];
  depths: number[];
  numClasses: number;
  /** Initial layer-scale value (timm default 1e-6). */
  layerScaleInit: number;
  /**
   * What freeze-embed freezes. 'stem+stage0' is the paper's choice for ConvNeXt (stem and the
   * whole first stage); 'stem' was its ablation (slightly worse).
   */
  embed: 'stem+stage0' | 'stem';
}

export const CONVNEXT_DEFAULT: ConvNextConfig = {
  imageSize: 28,
  channels: 3,
  patchSize: 2,
  dims: [24, 48, 96],
  depths: [1, 1, 2],
  numClasses: 10,
  layerScaleInit: 1e-6,
  embed: 'stem+stage0',
};

/** The depthwise convolution's kernel side. */
export const CONVNEXT_KERNEL = 7;

type Item = Omit<ParamSpec, 'layer' | 'kind'>;

const tn = { kind: 'truncNormal', std: 0.02 } as const;
const zeros = { kind: 'zeros' } as const;

const norm = (name: string, c: number): Item[] => [
  { name: `${name}.weight`, shape: [c], layout: 'plain', decay: false, init: { kind: 'ones' } },
  { name: `${name}.bias`, shape: [c], layout: 'plain', decay: false, init: zeros },
];
const convW = (name: string, k: number, cin: number, cout: number): Item[] => [
  { name: `${name}.weight`, shape: [k, k, cin, cout], layout: 'conv', decay: true, init: tn },
  { name: `${name}.bias`, shape: [cout], layout: 'plain', decay: false, init: zeros },
];
const linearW = (name: string, cin: number, cout: number): Item[] => [
  { name: `${name}.weight`, shape: [cin, cout], layout: 'linear', decay: true, init: tn },
  { name: `${name}.bias`, shape: [cout], layout: 'plain', decay: false, init: zeros },
];

/** Block `b` of width d: depthwise 7x7, LayerNorm, the 4x MLP, layer scale. */
const blockItems = (b: string, d: number, layerScaleInit: number): Item[] => [
  {
    name: `${b}.conv_dw.weight`,
    shape: [CONVNEXT_KERNEL, CONVNEXT_KERNEL, d, 1],
    layout: 'dwconv',
    decay: true,
    init: tn,
  },
  { name: `${b}.conv_dw.bias`, shape: [d], layout: 'plain', decay: false, init: zeros },
  ...norm(`${b}.norm`, d),
  ...linearW(`${b}.mlp.fc1`, d, 4 * d),
  ...linearW(`${b}.mlp.fc2`, 4 * d, d),
  {
    name: `${b}.gamma`,
    shape: [d],
    layout: 'plain',
    decay: false,
    init: { kind: 'const', value: layerScaleInit },
  },
];

export function convNextSpec(cfg: ConvNextConfig): ModelSpec {
  if (cfg.dims.length !== cfg.depths.length)
    throw new Error('dims and depths must have the same length');
  const specs: ParamSpec[] = [];
  const layers: string[] = [];
  const groupOfLayer = new Map<string, GroupName>();
  const add = (layer: string, group: GroupName, items: Item[]): void => {
    layers.push(layer);
    groupOfLayer.set(layer, group);
    for (const it of items) specs.push({ ...it, layer, kind: 'param' });
  };
  const d0 = cfg.dims[0] as number;
  add('stem', 'embed', [
    ...convW('stem.0', cfg.patchSize, cfg.channels, d0),
    ...norm('stem.1', d0),
  ]);
  cfg.dims.forEach((d, s) => {
    const inEmbed = s === 0 && cfg.embed === 'stem+stage0';
    if (s > 0) {
      const prev = cfg.dims[s - 1] as number;
      const ds = `stages.${s}.downsample`;
      add(ds, 'body', [...norm(`${ds}.0`, prev), ...convW(`${ds}.1`, 2, prev, d)]);
    }
    for (let j = 0; j < (cfg.depths[s] as number); j++) {
      const b = `stages.${s}.blocks.${j}`;
      add(b, inEmbed ? 'embed' : 'body', blockItems(b, d, cfg.layerScaleInit));
    }
  });
  const dl = cfg.dims[cfg.dims.length - 1] as number;
  add('head.norm', 'body', norm('head.norm', dl));
  add('head.fc', 'head', linearW('head.fc', dl, cfg.numClasses));
  const inputShape = [cfg.imageSize, cfg.imageSize, cfg.channels] as const;
  return {
    family: 'convnext',
    specs,
    layers,
    groupOfLayer,
    inputShape,
    numClasses: cfg.numClasses,
  };
}
