/**
 * The micro ResNet's spec, torchvision layout and names (conv1/bn1 stem, layerN.M basic blocks
 * with downsample.0/.1 projections, fc head): its config, every parameter and buffer, layers,
 * groups and block plan. The paper's BiT-like control: a family whose embedding gradients stay
 * small when it was pretrained with SGD. CIFAR-style stem (3x3, stride 1, no max-pool) because
 * inputs are 28x28. The forward pass is core/models/resnet.ts.
 */
import type { ModelSpec } from './model-spec';
import type { GroupName, ParamSpec } from './param-spec';

export interface ResNetConfig {
  imageSize: number;
  channels: number;
  widths: number[];
  blocks: number[];
  numClasses: number;
  /** What freeze-embed freezes. 'stem+layer1' is the paper's choice for BiT (root + first block group). */
  embed: 'stem+layer1' | 'stem';
}

export const RESNET_DEFAULT: ResNetConfig = {
  imageSize: 28,
  channels: 3,
  widths: [16, 32, 64],
  blocks: [1, 1, 1],
  numClasses: 10,
  embed: 'stem+layer1',
};

/** One basic block: its name (`layer2.0`), channels, stride and whether it has a projection. */
export interface ResNetBlock {
  name: string;
  cin: number;
  cout: number;
  stride: number;
  proj: boolean;
}

/** The basic blocks in forward order. */
export function resNetBlocks(cfg: ResNetConfig): ResNetBlock[] {
  if (cfg.widths.length !== cfg.blocks.length)
    throw new Error('widths and blocks must have the same length');
  const plan: ResNetBlock[] = [];
  let cin = cfg.widths[0] as number;
  cfg.widths.forEach((w, s) => {
    for (let j = 0; j < (cfg.blocks[s] as number); j++) {
      const stride = s > 0 && j === 0 ? 2 : 1;
      plan.push({
        name: `layer${s + 1}.${j}`,
        cin,
        cout: w,
        stride,
        proj: stride !== 1 || cin !== w,
      });
      cin = w;
    }
  });
  return plan;
}

/** A conv weight [k, k, cin, cout] (no bias: a BatchNorm follows). */
function convSpec(layer: string, name: string, k: number, cin: number, cout: number): ParamSpec {
  // Kaiming normal, fan_out, as torchvision's ResNet.
  const init = { kind: 'kaimingNormal', fan: k * k * cout } as const;
  return {
    name: `${name}.weight`,
    shape: [k, k, cin, cout],
    layout: 'conv',
    layer,
    kind: 'param',
    decay: true,
    init,
  };
}

/** A BatchNorm's weight and bias [c], its running statistics and num_batches_tracked. */
function bnSpecs(layer: string, name: string, c: number): ParamSpec[] {
  const plain = { shape: [c], layout: 'plain', layer, decay: false } as const;
  return [
    { ...plain, name: `${name}.weight`, kind: 'param', init: { kind: 'ones' } },
    { ...plain, name: `${name}.bias`, kind: 'param', init: { kind: 'zeros' } },
    { ...plain, name: `${name}.running_mean`, kind: 'buffer', init: { kind: 'zeros' } },
    { ...plain, name: `${name}.running_var`, kind: 'buffer', init: { kind: 'ones' } },
    // Scalar counter torch keeps beside the statistics (int64 in checkpoints).
    {
      ...plain,
      shape: [],
      name: `${name}.num_batches_tracked`,
      kind: 'buffer',
      init: { kind: 'zeros' },
    },
  ];
}

export function resNetSpec(cfg: ResNetConfig): ModelSpec {
  const plan = resNetBlocks(cfg);
  const specs: ParamSpec[] = [];
  const layers: string[] = [];
  const groupOfLayer = new Map<string, GroupName>();
  const begin = (layer: string, group: GroupName): void => {
    layers.push(layer);
    groupOfLayer.set(layer, group);
  };
  const conv = (layer: string, name: string, k: number, cin: number, cout: number): void => {
    specs.push(convSpec(layer, name, k, cin, cout));
  };
  const bn = (layer: string, name: string, c: number): void => {
    specs.push(...bnSpecs(layer, name, c));
  };

  const w0 = cfg.widths[0] as number;
  begin('stem', 'embed');
  conv('stem', 'conv1', 3, cfg.channels, w0);
  bn('stem', 'bn1', w0);
  plan.forEach((b) => {
    begin(b.name, b.name.startsWith('layer1.') && cfg.embed === 'stem+layer1' ? 'embed' : 'body');
    conv(b.name, `${b.name}.conv1`, 3, b.cin, b.cout);
    bn(b.name, `${b.name}.bn1`, b.cout);
    conv(b.name, `${b.name}.conv2`, 3, b.cout, b.cout);
    bn(b.name, `${b.name}.bn2`, b.cout);
    if (b.proj) {
      conv(b.name, `${b.name}.downsample.0`, 1, b.cin, b.cout);
      bn(b.name, `${b.name}.downsample.1`, b.cout);
    }
  });
  const last = cfg.widths[cfg.widths.length - 1] as number;
  const k = cfg.numClasses;
  begin('fc', 'head');
  const tn = { kind: 'truncNormal', std: 0.02 } as const;
  specs.push({
    name: 'fc.weight',
    shape: [last, k],
    layout: 'linear',
    layer: 'fc',
    kind: 'param',
    decay: true,
    init: tn,
  });
  specs.push({
    name: 'fc.bias',
    shape: [k],
    layout: 'plain',
    layer: 'fc',
    kind: 'param',
    decay: false,
    init: { kind: 'zeros' },
  });
  const inputShape = [cfg.imageSize, cfg.imageSize, cfg.channels] as const;
  return { family: 'resnet', specs, layers, groupOfLayer, inputShape, numClasses: k };
}
