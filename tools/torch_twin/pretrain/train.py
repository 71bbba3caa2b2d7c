"""Pretrains the shipped checkpoints on the pretraining pool, reproducibly from a seed.

Run (after `npx tsx tools/pretrain/export-pool.ts`, which writes the pool to .cache/):
    /usr/bin/python3 -m tools.torch_twin.pretrain.train [--only NAME[,NAME]] [--epochs E] [--max-steps S]

Needs Debian's python3-torch (1.13, CPU). --threads (default 2), float32, a fixed seed per run: the same
command with the same --threads on the same machine gives the same bytes. Writes public/models/<name>.safetensors
(the PyTorch state dict, BatchNorm buffers included, num_batches_tracked as int64; metadata:
the model config in the TS engine's JSON form) and updates public/models/manifest.json.
A training log per run goes to .cache/pretrain-<name>.log.json.
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

from .. import checkpoint, data, fast_ops, models, optim
from ..paths import CACHE, MODELS_DIR
from .manifest import count_params, embed_layers, sha256_file, update_manifest
from .recipes import AUG, POOL_SEED, RUNS, config_of, schedule_of


@torch.no_grad()
def accuracy(model, pixels, labels, batch=500):
    model.eval()
    correct = 0
    for i in range(0, len(labels), batch):
        logits = model(data.normalise(pixels[i:i + batch]))
        correct += int((logits.argmax(1) == labels[i:i + batch]).sum())
    return correct / len(labels)


def train(name, r, sets, max_steps=None, log_every=50, groups_of=None):
    """groups_of(model) -> torch param groups; default: the engine's decay rule at r['weightDecay']."""
    torch.manual_seed(r['seed'])
    g_init = torch.Generator().manual_seed(r['seed'])
    g_data = torch.Generator().manual_seed(r['seed'] + 1000)
    model = models.build(config_of(r))
    optim.initialise(model, g_init)
    groups = groups_of(model) if groups_of else optim.param_groups(model, r['weightDecay'])
    opt = optim.make_optimizer(groups, r['optimizer'], r['lr'],
                               momentum=r.get('momentum', 0.0), nesterov=r.get('nesterov', False), betas=r.get('betas', (0.9, 0.999)))
    px, lab, _ = sets['train']
    n = len(lab)
    steps_per_epoch = n // r['batch']  # drop the last partial batch (BatchNorm)
    total = steps_per_epoch * r['epochs']
    if max_steps is not None:
        total = min(total, max_steps)
    schedule = schedule_of(r, total)
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
            optim.set_lr(opt, optim.lr_at(schedule, r['lr'], step, total))
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
                rec = dict(step=step, epoch=epoch, loss=run_loss / run_n, acc=run_correct / run_n,
                           lr=optim.lr_at(schedule, r['lr'], step - 1, total), seconds=round(el, 1))
                log.append(rec)
                print(f'{name} step {step}/{total} ep {epoch} loss {rec["loss"]:.3f} acc {rec["acc"]:.3f} '
                      f'{el:.0f}s eta {el / step * (total - step):.0f}s', file=sys.stderr, flush=True)
                run_loss, run_correct, run_n = 0.0, 0, 0
    train_seconds = time.time() - t0
    return model, log, step, train_seconds


def manifest_entry(name, model, path, recipe, header, sets, train_acc, held_acc):
    total, embed, first = count_params(model)
    return dict(
        name=name,
        file=f'{name}.safetensors',
        family=model.cfg['family'],
        config=model.cfg,
        params=total,
        embedParams=embed,
        embedShare=embed / total,
        embedGroup=embed_layers(model),
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
            model, log, steps, secs = train(name, r, sets, args.max_steps)
        if args.max_steps is not None:
            print(f'{name}: {steps} steps in {secs:.1f} s ({secs / steps * 1000:.0f} ms/step); nothing written', file=sys.stderr)
            continue
        t1 = time.time()
        with fast_ops.fast_linear():
            train_acc = accuracy(model, *sets['train'][:2])
            held_acc = accuracy(model, *sets['heldout'][:2])
        eval_secs = time.time() - t1
        path = os.path.join(MODELS_DIR, f'{name}.safetensors')
        checkpoint.save_checkpoint(model, name, path)
        recipe = {k: v for k, v in r.items() if k != 'family'}
        recipe.update(schedule='linear warm-up then cosine to 0, per step', steps=steps,
                      loss='cross-entropy (batch mean)', augmentation=AUG, init='the engine\'s initialisers (ParamSpec.init)',
                      threads=args.threads, torch=torch.__version__, trainSeconds=round(secs, 1))
        entry = manifest_entry(name, model, path, recipe, header, sets, train_acc, held_acc)
        update_manifest(entry)
        with open(os.path.join(CACHE, f'pretrain-{name}.log.json'), 'w') as f:
            json.dump(dict(name=name, recipe=recipe, log=log, accuracy=entry['accuracy']), f, indent=1)
        print(f'{name}: params {entry["params"]} (embed {entry["embedShare"]:.2%}), train acc {train_acc:.4f}, '
              f'held-out {held_acc:.4f}, {secs:.0f} s training + {eval_secs:.0f} s eval, {entry["bytes"]} bytes',
              file=sys.stderr, flush=True)


if __name__ == '__main__':
    main()
