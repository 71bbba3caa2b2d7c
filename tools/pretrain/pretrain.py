#!/usr/bin/env python3
"""Pretrains the shipped checkpoints on the pretraining pool, reproducibly from a seed.

Run (after `npx tsx tools/pretrain/export-pool.ts`, which writes the pool to .cache/):
    /usr/bin/python3 tools/pretrain/pretrain.py [--only NAME[,NAME]] [--epochs E] [--max-steps S]

Needs Debian's python3-torch (1.13, CPU). --threads (default 2), float32, a fixed seed per run: the same
command with the same --threads on the same machine gives the same bytes. Writes public/models/<name>.safetensors
(the PyTorch state dict, BatchNorm buffers included, num_batches_tracked as int64; metadata:
the model config in the TS engine's JSON form) and updates public/models/manifest.json.
A training log per run goes to .cache/pretrain-<name>.log.json.
"""
import argparse
import hashlib
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'reference'))
sys.path.insert(0, HERE)
import models  # noqa: E402
import st_io  # noqa: E402
import data  # noqa: E402
import layers  # noqa: E402
import fast_ops  # noqa: E402

MODELS_DIR = os.path.join(data.ROOT, 'public', 'models')
MANIFEST = os.path.join(MODELS_DIR, 'manifest.json')
POOL_SEED = 0
NUM_CLASSES = 20  # the pool: 10 Fashion-MNIST classes + 10 digits

# The engine's DEFAULT micro configs (src/core/models/{vit,convnext,resnet}.ts), with the
# pretraining task's 20 classes. tests/parity/checkpoints.test.ts checks these equal
# defaultConfig(family, { numClasses: 20 }).
CONFIGS = {
    'vit': dict(family='vit', imageSize=28, patchSize=7, channels=3, dim=64, depth=4, heads=4, mlpRatio=4,
                numClasses=NUM_CLASSES, embed='patch'),
    'convnext': dict(family='convnext', imageSize=28, channels=3, patchSize=2, dims=[24, 48, 96], depths=[1, 1, 2],
                     numClasses=NUM_CLASSES, layerScaleInit=1e-6, embed='stem+stage0'),
    'resnet': dict(family='resnet', imageSize=28, channels=3, widths=[16, 32, 64], blocks=[1, 1, 1],
                   numClasses=NUM_CLASSES, embed='stem+layer1'),
}

AUG = dict(cropPadding=2, flip='Fashion-MNIST classes only (labels 0-9); never digits')

# name -> recipe. Optimizers follow torch.optim; weight decay only on >1-D weights (models.no_decay).
RUNS = {
    'vit-adamw': dict(family='vit', optimizer='adamw', lr=1e-3, weightDecay=0.05, betas=[0.9, 0.999], epochs=10, batch=128,
                      warmupFraction=0.05, seed=1),
    'convnext-adamw': dict(family='convnext', optimizer='adamw', lr=2e-3, weightDecay=0.05, betas=[0.9, 0.999], epochs=6,
                           batch=128, warmupFraction=0.05, seed=2),
    'resnet-sgd': dict(family='resnet', optimizer='sgd', lr=0.1, momentum=0.9, nesterov=False, weightDecay=5e-4, epochs=6,
                       batch=128, warmupFraction=0.05, seed=3),
    'resnet-adamw': dict(family='resnet', optimizer='adamw', lr=2e-3, weightDecay=0.05, betas=[0.9, 0.999], epochs=6,
                         batch=128, warmupFraction=0.05, seed=4),
}


def init_like_engine(model, cfg, g):
    """The engine's initialisers (ParamSpec.init): truncated normal std 0.02 for ViT/ConvNeXt
    weights and every head, Kaiming normal (fan_out) for ResNet convs, LayerNorm/BatchNorm
    ones/zeros, zero biases, ConvNeXt layer scale = layerScaleInit."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith('gamma'):
                p.fill_(cfg['layerScaleInit'])
            elif p.ndim == 1 and name.endswith('weight'):
                p.fill_(1.0)  # LayerNorm / BatchNorm scale
            elif p.ndim == 1:
                p.zero_()
            elif cfg['family'] == 'resnet' and p.ndim == 4:
                fan_out = p.shape[0] * p.shape[2] * p.shape[3]
                p.copy_(torch.randn(p.shape, generator=g) * math.sqrt(2.0 / fan_out))
            else:
                t = torch.randn(p.shape, generator=g)
                while True:  # truncate at 2 std by redrawing
                    bad = t.abs() > 2
                    if not bad.any():
                        break
                    t[bad] = torch.randn(int(bad.sum()), generator=g)
                p.copy_(0.02 * t)


def param_groups(model, wd):
    decay, no = [], []
    for name, p in model.named_parameters():
        (no if models.no_decay(name, p) else decay).append(p)
    return [{'params': decay, 'weight_decay': wd}, {'params': no, 'weight_decay': 0.0}]


def make_optimizer(model, r):
    groups = param_groups(model, r['weightDecay'])
    if r['optimizer'] == 'adamw':
        return torch.optim.AdamW(groups, lr=r['lr'], betas=tuple(r['betas']), eps=1e-8)
    return torch.optim.SGD(groups, lr=r['lr'], momentum=r['momentum'], nesterov=r['nesterov'])


def lr_at(step, total, r):
    warm = max(1, int(round(r['warmupFraction'] * total)))
    if step < warm:
        return r['lr'] * (step + 1) / warm
    t = (step - warm) / max(1, total - warm)
    return r['lr'] * 0.5 * (1 + math.cos(math.pi * t))


@torch.no_grad()
def accuracy(model, pixels, labels, batch=500):
    model.eval()
    correct = 0
    for i in range(0, len(labels), batch):
        logits = model(data.normalise(pixels[i:i + batch]))
        correct += int((logits.argmax(1) == labels[i:i + batch]).sum())
    return correct / len(labels)


def count_params(model, cfg):
    total = sum(p.numel() for p in model.parameters())
    embed = sum(p.numel() for n, p in model.named_parameters() if models.is_embed(cfg, n))
    first = sum(p.numel() for n, p in model.named_parameters() if layers.layer_of(cfg, n) == layers.layer_names(cfg)[0])
    return total, embed, first


def train(name, r, sets, max_steps=None, log_every=50):
    cfg = CONFIGS[r['family']]
    torch.manual_seed(r['seed'])
    g_init = torch.Generator().manual_seed(r['seed'])
    g_data = torch.Generator().manual_seed(r['seed'] + 1000)
    model = models.build(cfg)
    init_like_engine(model, cfg, g_init)
    opt = make_optimizer(model, r)
    px, lab, _ = sets['train']
    n = len(lab)
    steps_per_epoch = n // r['batch']  # drop the last partial batch (BatchNorm)
    total = steps_per_epoch * r['epochs']
    if max_steps is not None:
        total = min(total, max_steps)
    flip_ok = lab < 10  # mirror Fashion-MNIST items only, never digits
    log = []
    step = 0
    t0 = time.time()
    model.train()
    run_loss, run_correct, run_n = 0.0, 0, 0
    for epoch in range(r['epochs']):
        perm = torch.randperm(n, generator=g_data)
        for k in range(steps_per_epoch):
            if step >= total:
                break
            idx = perm[k * r['batch']:(k + 1) * r['batch']]
            xb = data.normalise(data.augment(px[idx], AUG['cropPadding'], flip_ok[idx], g_data))
            yb = lab[idx]
            for grp in opt.param_groups:
                grp['lr'] = lr_at(step, total, r)
            logits = model(xb)
            loss = F.cross_entropy(logits, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1
            run_loss += float(loss) * len(yb)
            run_correct += int((logits.argmax(1) == yb).sum())
            run_n += len(yb)
            if step % log_every == 0 or step == total:
                el = time.time() - t0
                rec = dict(step=step, epoch=epoch, loss=run_loss / run_n, acc=run_correct / run_n, lr=lr_at(step - 1, total, r), seconds=round(el, 1))
                log.append(rec)
                print(f'{name} step {step}/{total} ep {epoch} loss {rec["loss"]:.3f} acc {rec["acc"]:.3f} '
                      f'{el:.0f}s eta {el / step * (total - step):.0f}s', file=sys.stderr, flush=True)
                run_loss, run_correct, run_n = 0.0, 0, 0
    train_seconds = time.time() - t0
    return model, cfg, log, step, train_seconds


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        h.update(f.read())
    return h.hexdigest()


def save_checkpoint(model, cfg, name, path):
    sd = {}
    for k, v in model.state_dict().items():
        a = v.detach().cpu().numpy()
        sd[k] = a.astype(np.int64) if k.endswith('num_batches_tracked') else a.astype(np.float32)
    st_io.save(path, sd, metadata={'config': json.dumps(cfg), 'name': name, 'format': 'pt'})


def update_manifest(entry):
    man = {'version': 1, 'models': []}
    if os.path.exists(MANIFEST):
        with open(MANIFEST) as f:
            man = json.load(f)
    man['models'] = [m for m in man['models'] if m['name'] != entry['name']] + [entry]
    order = list(RUNS)
    man['models'].sort(key=lambda m: order.index(m['name']) if m['name'] in order else len(order))
    man['totalBytes'] = sum(m['bytes'] for m in man['models'])
    man['description'] = ('Micro models pretrained on the 20-way pretraining pool (tools/pretrain, docs/pretraining.md). '
                          'Checkpoints are safetensors in PyTorch layout and names; config is the TS engine\'s ModelConfig.')
    with open(MANIFEST, 'w') as f:
        json.dump(man, f, indent=2)
        f.write('\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--only', default=','.join(RUNS))
    ap.add_argument('--epochs', type=int, default=None, help='override every run\'s epochs (trials)')
    ap.add_argument('--max-steps', type=int, default=None, help='stop early (timing trials; nothing is written)')
    ap.add_argument('--pool-seed', type=int, default=POOL_SEED)
    ap.add_argument('--threads', type=int, default=2, help='torch threads (1 is faster when another process holds a core)')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    header, sets = data.load_sets(data.pool_path(args.pool_seed))
    os.makedirs(MODELS_DIR, exist_ok=True)
    for name in args.only.split(','):
        r = dict(RUNS[name])
        if args.epochs is not None:
            r['epochs'] = args.epochs
        with fast_ops.fast_linear():
            model, cfg, log, steps, secs = train(name, r, sets, args.max_steps)
        if args.max_steps is not None:
            print(f'{name}: {steps} steps in {secs:.1f} s ({secs / steps * 1000:.0f} ms/step); nothing written', file=sys.stderr)
            continue
        t1 = time.time()
        with fast_ops.fast_linear():
            train_acc = accuracy(model, *sets['train'][:2])
            held_acc = accuracy(model, *sets['heldout'][:2])
        eval_secs = time.time() - t1
        path = os.path.join(MODELS_DIR, f'{name}.safetensors')
        save_checkpoint(model, cfg, name, path)
        total, embed, first = count_params(model, cfg)
        recipe = {k: v for k, v in r.items() if k != 'family'}
        recipe.update(schedule='linear warm-up then cosine to 0, per step', steps=steps,
                      loss='cross-entropy (batch mean)', augmentation=AUG, init='the engine\'s initialisers (ParamSpec.init)',
                      threads=args.threads, torch=torch.__version__, trainSeconds=round(secs, 1))
        entry = dict(
            name=name,
            file=f'{name}.safetensors',
            family=cfg['family'],
            config=cfg,
            params=total,
            embedParams=embed,
            embedShare=embed / total,
            embedGroup=models.FAMILIES[cfg['family']].embed_names(cfg),
            firstLayerParams=first,
            firstLayerShare=first / total,
            recipe=recipe,
            data=dict(
                pool='buildPretrainPool (src/data/pretrain-pool.ts), default options, exported by tools/pretrain/export-pool.ts',
                poolSeed=header['poolSeed'],
                poolImages=header['poolSize'],
                trainImages=len(sets['train'][1]),
                heldoutImages=len(sets['heldout'][1]),
                heldoutRule=header['heldoutRule'],
                classes='20: 10 Fashion-MNIST classes (labels 0-9) + 10 digits (labels 10-19)',
                looks='grey, inverted, real, sketch, painting, neon, or land/water background; half with an acquisition-like change',
                disjoint='only the reserved pretrain partition of public/data: no image any benchmark trains or evaluates on',
                sha256=header['sha256'],
            ),
            accuracy=dict(train=train_acc, heldout=held_acc, note='eval mode, no augmentation; train = the full training split'),
            sha256=sha256_file(path),
            bytes=os.path.getsize(path),
        )
        update_manifest(entry)
        with open(os.path.join(data.CACHE, f'pretrain-{name}.log.json'), 'w') as f:
            json.dump(dict(name=name, recipe=recipe, log=log, accuracy=entry['accuracy']), f, indent=1)
        print(f'{name}: params {total} (embed {embed / total:.2%}), train acc {train_acc:.4f}, held-out {held_acc:.4f}, '
              f'{secs:.0f} s training + {eval_secs:.0f} s eval, {entry["bytes"]} bytes', file=sys.stderr, flush=True)


if __name__ == '__main__':
    main()
