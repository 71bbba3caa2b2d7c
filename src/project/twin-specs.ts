/**
 * The engine's parameter specs of one model in the form the PyTorch twin reads (specs.json;
 * tools/torch_twin/specs.py): each tensor's PyTorch name and shape, layer, group, initialiser,
 * weight-decay flag and kind, and the layers in forward order. One mapping for both files that
 * hold it: tools/torch_twin/write-specs.ts writes the twin's specs.json (every config the twin
 * builds) with it, and an exported project's specs.json holds the run's model alone, computed at
 * export time, so any config the playground trains (a 'tiny' size preset too) exports.
 * Tfjs-free (src/spec).
 */
import { modelSpec, type ModelConfig } from '../spec/model-config';
import { groupOf } from '../spec/model-spec';
import { torchShape } from '../spec/param-spec';

export function twinModelSpecs(config: ModelConfig): object {
  const spec = modelSpec(config);
  return {
    config,
    layers: spec.layers,
    groups: Object.fromEntries(spec.layers.map((l) => [l, spec.groupOfLayer.get(l)])),
    params: spec.specs.map((s) => ({
      name: s.name,
      kind: s.kind,
      layer: s.layer,
      group: groupOf(spec, s),
      shape: torchShape(s), // PyTorch layout: the twin never sees tfjs's
      decay: s.decay,
      init: s.init,
    })),
  };
}

/** specs.json of an exported project: the run's model only. */
export function projectSpecsJson(config: ModelConfig): string {
  const doc = {
    about:
      "The engine's parameter specs of this run's model (src/spec in the playground), read by torch_twin/specs.py and the models.",
    configs: {},
    models: [twinModelSpecs(config)],
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}
