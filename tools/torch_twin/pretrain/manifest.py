"""public/models/manifest.json: one entry per shipped checkpoint (config, parameter counts,
recipe, data, accuracy, sha256, size), read by the app and checked by tests/parity."""
import hashlib
import json
import os

from ..paths import MANIFEST
from .recipes import RUNS


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        h.update(f.read())
    return h.hexdigest()


def count_params(model):
    """(all parameters, the embed group's, the first layer's)."""
    named = list(model.named_parameters())
    total = sum(p.numel() for _, p in named)
    embed = sum(p.numel() for n, p in named if model.is_embed(n))
    first = sum(p.numel() for n, p in named if model.layer_of(n) == model.layers[0])
    return total, embed, first


def embed_layers(model):
    """The embed group's layers, in forward order."""
    return [layer for layer in model.layers if model.group_of_layer(layer) == 'embed']


def upsert_entry(path, entry, order, description):
    """Replaces (or adds) the entry of that name in the manifest at `path` (created when
    missing), sorted by `order` (names not in it last), with the total size and `description`."""
    man = {'version': 1, 'models': []}
    if os.path.exists(path):
        with open(path) as f:
            man = json.load(f)
    man['models'] = [m for m in man['models'] if m['name'] != entry['name']] + [entry]
    man['models'].sort(key=lambda m: order.index(m['name']) if m['name'] in order else len(order))
    man['totalBytes'] = sum(m['bytes'] for m in man['models'])
    man['description'] = description
    with open(path, 'w') as f:
        json.dump(man, f, indent=2)
        f.write('\n')


def update_manifest(entry):
    """Replaces (or adds) the entry of that name, in RUNS order, and the total size."""
    upsert_entry(MANIFEST, entry, list(RUNS),
                 'Micro models pretrained on the 20-way pretraining pool (tools/torch_twin/pretrain, docs/pretraining.md). '
                 'Checkpoints are safetensors in PyTorch layout and names; config is the TS engine\'s ModelConfig.')
