"""The paper's gradient statistic at each shipped checkpoint, per benchmark.

Run (after export-pool.ts and pretraining):
    /usr/bin/python3 -m tools.torch_twin.pretrain.grad_ratios [--models a,b] [--benchmarks x,y] [--bench-seed 0]

For each checkpoint and benchmark: the pretrained body with a freshly initialised linear head
for the benchmark's classes (the engine's head init: truncated normal std 0.02, zero bias;
seed --head-seed), training mode (BatchNorm on batch statistics), learning rate 0 (nothing is
updated), batch 32, one epoch of the benchmark's training set in a seeded order with the
benchmark's own augmentation (last partial batch dropped). Per batch and per layer (the
engine's ModelDef.layers): the L2 norm of the concatenation of that layer's parameter
gradients, loss = batch mean. The per-layer norms are averaged over the epoch's batches; the
ratio is the first ("embedding") layer's average over the largest average among body
("middle") layers, exactly as embedToMaxMiddleRatio in src/core/metrics/grad-norms.ts.

Writes .cache/grad-ratios.json (every per-layer average) and adds `gradientRatio` to each model
of public/models/manifest.json.
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

from .. import checkpoint, data, fast_ops, metrics
from ..paths import CACHE, MANIFEST

BENCHMARKS = ['subpopulation', 'spurious', 'style', 'acquisition', 'region']


def batch_layer_norms(model, x, y):
    """Per-layer gradient norms for one batch, train mode, loss = batch mean. BatchNorm running
    statistics are restored afterwards (the engine leaves them untouched)."""
    buffers = {k: v.clone() for k, v in model.named_buffers()}
    model.train()
    model.zero_grad(set_to_none=True)
    F.cross_entropy(model(x), y).backward()
    grads = {n: p.grad for n, p in model.named_parameters()}
    sq = metrics.per_layer_sq(model, grads)
    with torch.no_grad():
        for k, v in model.named_buffers():
            v.copy_(buffers[k])
    return {layer: s ** 0.5 for layer, s in sq.items()}


def measure(entry, bench, bench_seed=0, head_seed=0, order_seed=0, batch=32):
    header, sets = data.load_sets(data.bench_path(bench, bench_seed))
    px, lab, _ = sets['train']
    model = checkpoint.load_for_task(entry, header['numClasses'], head_seed)
    aug = header['augment']
    g = torch.Generator().manual_seed(order_seed)
    perm = torch.randperm(len(lab), generator=g)
    flip = torch.full((len(lab),), bool(aug['flip']))
    sums, nb = {}, 0
    for k in range(len(lab) // batch):
        idx = perm[k * batch:(k + 1) * batch]
        x = data.normalise(data.augment(px[idx], aug['cropPadding'], flip[idx], g))
        for layer, v in batch_layer_norms(model, x, lab[idx]).items():
            sums[layer] = sums.get(layer, 0.0) + v
        nb += 1
    avg = {layer: sums[layer] / nb for layer in model.layers}
    mids = {layer: v for layer, v in avg.items() if model.group_of_layer(layer) == 'body'}
    max_mid = max(mids, key=mids.get)
    first, last = model.layers[0], model.layers[-1]
    return dict(
        ratio=metrics.embed_to_max_middle(model, avg),
        embedLayer=first,
        embedNorm=avg[first],
        maxMiddleLayer=max_mid,
        maxMiddleNorm=avg[max_mid],
        headNorm=avg[last],
        perLayer=avg,
        batches=nb,
        numClasses=header['numClasses'],
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--models', default=None)
    ap.add_argument('--benchmarks', default=','.join(BENCHMARKS))
    ap.add_argument('--bench-seed', type=int, default=0)
    ap.add_argument('--head-seed', type=int, default=0)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--no-manifest', action='store_true', help='do not write gradientRatio into the manifest')
    ap.add_argument('--out', default=os.path.join(CACHE, 'grad-ratios.json'))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    man = checkpoint.read_manifest()
    names = args.models.split(',') if args.models else [m['name'] for m in man['models']]
    results = {}
    for m in man['models']:
        if m['name'] not in names:
            continue
        results[m['name']] = {}
        for b in args.benchmarks.split(','):
            t0 = time.time()
            with fast_ops.fast_linear():
                r = measure(m, b, args.bench_seed, args.head_seed)
            results[m['name']][b] = r
            print(f'{m["name"]:16s} {b:14s} ratio {r["ratio"]:.3f}  embed {r["embedNorm"]:.4f}  max middle {r["maxMiddleLayer"]} '
                  f'{r["maxMiddleNorm"]:.4f}  head {r["headNorm"]:.4f}  ({time.time() - t0:.0f} s)', file=sys.stderr, flush=True)
        if not args.no_manifest:
            m['gradientRatio'] = {
                'definition': 'first-layer gradient norm / largest body-layer norm at the pretrained weights, fresh head, '
                              'train mode, batch 32, averaged over one epoch of the benchmark training set with its augmentation '
                              '(tools/torch_twin/pretrain/grad_ratios.py; embedToMaxMiddleRatio)',
                'benchmarkSeed': args.bench_seed,
                'headSeed': args.head_seed,
                'byBenchmark': {b: round(r['ratio'], 4) for b, r in results[m['name']].items()},
            }
    with open(args.out, 'w') as f:
        json.dump(results, f, indent=1)
    if not args.no_manifest:
        with open(MANIFEST, 'w') as f:
            json.dump(man, f, indent=2)
            f.write('\n')
    print('\n| model | ' + ' | '.join(args.benchmarks.split(',')) + ' |')
    print('|---|' + '---|' * len(args.benchmarks.split(',')))
    for n, rs in results.items():
        print(f'| {n} | ' + ' | '.join(f'{r["ratio"]:.2f}' for r in rs.values()) + ' |')


if __name__ == '__main__':
    main()
