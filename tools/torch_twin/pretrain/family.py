"""The checkpoint family (issue #20): short pretrainings meant to span the embedding-gradient
ratio, as declared in docs/results/family-declared.md before any ran.

Run (after `npx tsx tools/pretrain/export-pool.ts`), one design at a time or several in a row:
    nice -n 19 /usr/bin/python3 -m tools.torch_twin.pretrain.family --only fam-vit-sgd-e1[,...] --threads 1

Writes public/models/family/<name>.safetensors and its entry in public/models/family/manifest.json
(the shipped manifest, public/models/manifest.json, is not touched), and the training log to
.cache/pretrain-<name>.log.json. Then `pretrain.family_ratios` measures each one's ratio on the
lesson's data. `--control vit-init` writes nothing: it saves the untrained ViT to .cache/ for
the control measurement.
"""
import argparse
import json
import os
import sys
import time

import torch

from .. import checkpoint, data, fast_ops
from ..paths import CACHE, MODELS_DIR
from .manifest import sha256_file, upsert_entry
from .recipes import AUG
from .train import accuracy, manifest_entry, train

FAMILY_DIR = os.path.join(MODELS_DIR, 'family')
FAMILY_MANIFEST = os.path.join(FAMILY_DIR, 'manifest.json')
TRAIN_ACC_N = 5000

_ADAMW = dict(optimizer='adamw', betas=[0.9, 0.999], batch=128, warmupFraction=0.05)
_SGD = dict(optimizer='sgd', nesterov=False, batch=128, warmupFraction=0.05)

# name -> (declared id, lever, recipe). `poolTransform`: a change of the pretraining images'
# low-level statistics (contrast around mid-grey, or greyscale); `embedWeightDecay`: the decay
# of the first layer's weight alone; `posWeightDecay`: the decay of the ViT's cls token and
# position embedding (the engine decays neither); `configOverrides`: a config of twin-configs.ts's set 'family'.
DESIGNS = {
    'fam-vit-adamw-e1': ('F1', 'length (1 epoch)', dict(_ADAMW, family='vit', lr=1e-3, weightDecay=0.05, epochs=1, seed=11)),
    'fam-vit-sgd-e1': ('F2', 'optimizer (SGD)', dict(_SGD, family='vit', lr=0.05, momentum=0.9, weightDecay=5e-4, epochs=1, seed=12)),
    'fam-vit-adamw-hot': ('F3', 'rate and weight decay', dict(_ADAMW, family='vit', lr=3e-3, weightDecay=0.3, epochs=1, seed=13)),
    'fam-vit-adamw-embwd': ('F4', 'the embedding\'s own weight decay', dict(_ADAMW, family='vit', lr=1e-3, weightDecay=0.05,
                                                                           embedWeightDecay=2.0, epochs=1, seed=14)),
    'fam-vit-adamw-lowc': ('F5', 'pretraining contrast (0.35x)', dict(_ADAMW, family='vit', lr=1e-3, weightDecay=0.05, epochs=1, seed=15,
                                                                      poolTransform={'contrast': 0.35})),
    'fam-vit-adamw-grey': ('F6', 'pretraining colour (greyscale)', dict(_ADAMW, family='vit', lr=1e-3, weightDecay=0.05, epochs=1,
                                                                        seed=16, poolTransform={'grey': True})),
    'fam-vit-p14-adamw': ('F7', 'patch-embedding size (patch 14)', dict(_ADAMW, family='vit', lr=1e-3, weightDecay=0.05, epochs=1,
                                                                        seed=17, configOverrides={'patchSize': 14})),
    # Declared after F4 measured 1.94 (docs/results/family-declared.md, "Addendum"): AdamW's
    # decoupled decay shrinks by (1 - lr * wd) per step, so 2.0 at lr 1e-3 over 324 steps
    # shrinks the embedding only ~0.7x; 20 shrinks it ~0.05x.
    'fam-vit-adamw-embwd20': ('F11', 'the embedding\'s own weight decay (20)', dict(_ADAMW, family='vit', lr=1e-3, weightDecay=0.05,
                                                                                 embedWeightDecay=20.0, epochs=1, seed=21)),
    'fam-vit-p14-embwd20': ('F12', 'patch 14 + the embedding\'s own weight decay (20)', dict(
        _ADAMW, family='vit', lr=1e-3, weightDecay=0.05, embedWeightDecay=20.0, epochs=1, seed=22, configOverrides={'patchSize': 14})),
    # Declared after F11 measured 2.46 with its patch embedding at 0.41 (F4: 1.60) while the
    # undecayed position embedding stayed at 1.29: the residual stream's scale, which the blocks'
    # LayerNorms divide the embedding's gradient by, is then set by the position embedding.
    'fam-vit-p14-embwd20-pos': ('F13', 'F12 + decay 20 on the position embedding and cls token', dict(
        _ADAMW, family='vit', lr=1e-3, weightDecay=0.05, embedWeightDecay=20.0, posWeightDecay=20.0, epochs=1, seed=23,
        configOverrides={'patchSize': 14})),
    # Declared after F12 measured 2.11: the ResNet's stem feeds a BatchNorm, so the network is
    # exactly invariant to the stem weight's scale and the stem's gradient is exactly inversely
    # proportional to it; AdamW with decay 20 drives it to its equilibrium norm, sqrt(lr n / 2 wd).
    'fam-resnet-adamw-stemwd': ('F14', 'the ResNet stem\'s own weight decay (20)', dict(
        _ADAMW, family='resnet', lr=2e-3, weightDecay=0.05, embedWeightDecay=20.0, epochs=1, seed=24)),
    'fam-convnext-adamw-e1': ('F8', 'family (ConvNeXt), 1 epoch', dict(_ADAMW, family='convnext', lr=2e-3, weightDecay=0.05, epochs=1,
                                                                       seed=18)),
    'fam-resnet-adamw-hot': ('F9', 'family (ResNet), rate 1e-2', dict(_ADAMW, family='resnet', lr=1e-2, weightDecay=0.05, epochs=2,
                                                                      seed=19)),
    'fam-resnet-sgd-e1': ('F10', 'family (ResNet), SGD, 1 epoch', dict(_SGD, family='resnet', lr=0.1, momentum=0.9, weightDecay=5e-4,
                                                                       epochs=1, seed=20)),
}


def transform_pixels(px, t):
    """uint8 [n, 28, 28, 3] -> uint8, the design's change of low-level statistics:
    {'contrast': c}: 127.5 + c * (p - 127.5); {'grey': True}: each pixel's channel mean on all three."""
    if not t:
        return px
    x = px.float()
    if 'contrast' in t:
        x = 127.5 + t['contrast'] * (x - 127.5)
    if t.get('grey'):
        x = x.mean(dim=3, keepdim=True).expand_as(x)
    return x.round().clamp(0, 255).to(torch.uint8).contiguous()


def groups_of(r):
    """The engine's decay rule, except that the first layer's decayed weight gets
    r['embedWeightDecay'] when the design sets one."""
    def build(model):
        groups = {}
        for name, p in model.named_parameters():
            wd = r['weightDecay'] if model.decays(name) else 0.0
            if model.decays(name) and 'embedWeightDecay' in r and model.layer_of(name) == model.layers[0]:
                wd = r['embedWeightDecay']
            if 'posWeightDecay' in r and model.layer_of(name) == 'pos_embed':  # cls token + position embedding
                wd = r['posWeightDecay']
            groups.setdefault(wd, {'params': [], 'weight_decay': wd, 'scale': 1.0})['params'].append(p)
        return list(groups.values())
    return build


def write_entry(entry):
    upsert_entry(FAMILY_MANIFEST, entry, list(DESIGNS),
                 'The checkpoint family of issue #20 (docs/results/family-declared.md): short pretrainings on the pool '
                 'that span the embedding-gradient ratio. Files are relative to this folder; not precached.')


def run_design(name, header, sets, threads):
    did, lever, r = DESIGNS[name]
    t = r.get('poolTransform')
    tsets = {k: (transform_pixels(px, t), lab, grp) for k, (px, lab, grp) in sets.items()}
    with fast_ops.fast_linear():
        model, log, steps, secs = train(name, r, tsets, groups_of=groups_of(r))
        # The first 5,000 training images, not all 41,500: the full pass costs as much as the
        # short pretraining itself on this shared machine (F4 has the full one, see its note).
        train_acc = accuracy(model, tsets['train'][0][:TRAIN_ACC_N], tsets['train'][1][:TRAIN_ACC_N])
        held_acc = accuracy(model, *tsets['heldout'][:2])
    path = os.path.join(FAMILY_DIR, f'{name}.safetensors')
    checkpoint.save_checkpoint(model, name, path)
    recipe = {k: v for k, v in r.items() if k != 'family'}
    recipe.update(schedule='linear warm-up then cosine to 0, per step', steps=steps, loss='cross-entropy (batch mean)',
                  augmentation=AUG, init='the engine\'s initialisers (ParamSpec.init)', threads=threads,
                  torch=torch.__version__, trainSeconds=round(secs, 1))
    entry = manifest_entry(name, model, path, recipe, header, sets, train_acc, held_acc)
    entry.update(design=did, lever=lever, declared='docs/results/family-declared.md')
    entry['accuracy']['note'] = ('eval mode, no augmentation; train = the first 5,000 images of the training split; on the design\'s '
                                 'transformed pool where it has a poolTransform')
    write_entry(entry)
    with open(os.path.join(CACHE, f'pretrain-{name}.log.json'), 'w') as f:
        json.dump(dict(name=name, recipe=recipe, log=log, accuracy=entry['accuracy']), f, indent=1)
    print(f'{name} ({did}): final loss {log[-1]["loss"] if log else float("nan"):.3f}, train acc {train_acc:.4f}, '
          f'held-out {held_acc:.4f}, {secs:.0f} s, {entry["bytes"]} bytes', file=sys.stderr, flush=True)


def save_control(seed=11):
    """The untrained ViT (the engine's init, `seed`) to .cache/family-control/vit-init.safetensors."""
    from .. import models, optim
    from .recipes import config_of
    model = models.build(config_of(dict(family='vit')))
    optim.initialise(model, torch.Generator().manual_seed(seed))
    out = os.path.join(CACHE, 'family-control')
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, 'vit-init.safetensors')
    checkpoint.save_checkpoint(model, 'vit-init', path)
    return dict(name='vit-init', file=path, config=model.cfg, sha256=sha256_file(path))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--only', default=','.join(DESIGNS))
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(FAMILY_DIR, exist_ok=True)
    header, sets = data.load_sets(data.pool_path(0))
    for name in args.only.split(','):
        t0 = time.time()
        run_design(name, header, sets, args.threads)
        print(f'{name}: done in {time.time() - t0:.0f} s', file=sys.stderr, flush=True)


if __name__ == '__main__':
    main()
