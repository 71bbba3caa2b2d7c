"""The engine's parameter specs, as tools/torch_twin/write-specs.ts exported them (specs.json).

A ModelSpec answers, for one config, what the engine's ModelDef answers: the layers in forward
order, each layer's group (embed / body / head) and, per tensor, its layer, group, initialiser,
weight-decay flag and kind. Looked up by config without numClasses, which sizes only the head
(a checkpoint's body with a fresh head for a benchmark's classes has the same layers and groups).
"""
import copy
import functools
import json
import os
from dataclasses import dataclass

SPECS_PATH = os.path.join(os.path.dirname(__file__), 'specs.json')


@dataclass(frozen=True)
class TensorSpec:
    name: str
    kind: str  # 'param' (trained) or 'buffer' (BatchNorm statistics)
    layer: str
    group: str
    shape: tuple  # PyTorch layout, at the exported config's numClasses
    decay: bool
    init: dict  # the engine's Init: {'kind': 'zeros' | 'ones' | 'const' | 'truncNormal' | 'kaimingNormal', ...}


@dataclass(frozen=True)
class ModelSpec:
    config: dict
    layers: tuple
    groups: dict  # layer -> group
    tensors: dict  # name -> TensorSpec, in the engine's spec order

    def tensor(self, name):
        try:
            return self.tensors[name]
        except KeyError:
            raise KeyError(f'{name} is not a tensor of the engine\'s {self.config["family"]} model') from None


@functools.lru_cache(maxsize=1)
def _document():
    with open(SPECS_PATH) as f:
        return json.load(f)


def _structure_key(cfg):
    return json.dumps({k: v for k, v in cfg.items() if k != 'numClasses'}, sort_keys=True)


@functools.lru_cache(maxsize=None)
def _specs_by_structure():
    out = {}
    for m in _document()['models']:
        tensors = {p['name']: TensorSpec(p['name'], p['kind'], p['layer'], p['group'], tuple(p['shape']), p['decay'], p['init'])
                   for p in m['params']}
        out[_structure_key(m['config'])] = ModelSpec(m['config'], tuple(m['layers']), dict(m['groups']), tensors)
    return out


def model_spec(cfg):
    """The engine's specs for `cfg` (any numClasses)."""
    spec = _specs_by_structure().get(_structure_key(cfg))
    if spec is None:
        raise KeyError(f'no engine specs for {cfg}: add the config to tools/torch_twin/twin-configs.ts and run `npm run twin:specs`')
    return spec


def config(config_set, family, **overrides):
    """A config the twin builds ('default', 'fixture' or 'trajectory'), as the engine's JSON, in
    its field order (the fixtures' metadata stores it as written)."""
    cfg = copy.deepcopy(_document()['configs'][config_set][family])
    cfg.update(overrides)
    return cfg


def families():
    return list(_document()['configs']['default'])


def all_model_specs():
    return list(_specs_by_structure().values())
