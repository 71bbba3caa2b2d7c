"""The experiment matrix in PyTorch (the engine's twin), resumable.

    /usr/bin/python3 -m tools.torch_twin.experiment.matrix [--models vit-adamw] [--benchmarks style,region]
        [--methods sgd,adamw,...] [--seeds 0,1,2] [--epochs 6] [--threads 2] [--out .cache/experiments/torch]

Stage 1 (sweep): every (model, benchmark, method, lr in the method's sweep) at the sweep seed.
Stage 2 (seeds): at the lr with the best ID validation metric (best epoch), the other seeds.
Each run is one JSON file in --out, named by its key; a run whose file exists is skipped, so an
interrupted matrix resumes where it stopped. Progress with an ETA goes to stderr.
Summarise with `npx tsx src/cli/experiment.ts --report` (docs/results.md).
"""
import argparse
import json
import os
import sys

import torch

from .. import checkpoint, fast_ops
from ..paths import CACHE, MODELS_DIR
from . import finetune
from . import recipe as recipe_mod


def sweep_of(recipe, mid):
    m = recipe['methods'][mid]
    if 'lrSweep' in m:
        return m['lrSweep']
    if m['optimizer'] == 'adamw':
        return recipe['lrSweep']['adamw']
    return recipe['lrSweep']['sgd' if m['momentum'] > 0 else 'sgd-nomom']


def key(model, bench, mid, lr, seed, epochs):
    return f'{model}__{bench}__{mid}__lr{lr:g}__s{seed}__e{epochs}'


def bench_name(b, tag):
    """How a run names its benchmark: plain for the default sets, <name>-<tag> for a subset."""
    return b if tag == '0' else f'{b}-{tag}'


def sweep_mean(run, lr, sweep_seeds):
    """{lr: mean best ID over the sweep seeds}, or {} when any sweep seed diverged (as pickLr in matrix.ts)."""
    runs = [run(lr, s) for s in sweep_seeds]
    if all(r['best'] and not r['diverged'] for r in runs):
        return {lr: sum(r['best']['id'] for r in runs) / len(runs)}
    return {}


def edge_step(pick, rates):
    """The next grid rate beyond an edge pick (grid 1, 3, 10 per decade), or None when the pick is inside."""
    lo, hi = min(rates), max(rates)
    if pick == hi:
        up = 3.0 if f'{pick:.0e}'.startswith('1') else 10 / 3
        return float(f'{pick * up:.1g}')
    if pick == lo:
        down = 1 / 3 if f'{pick:.0e}'.startswith('3') else 0.3
        return float(f'{pick * down:.1g}')
    return None


def main():
    ap = argparse.ArgumentParser()
    rec = recipe_mod.load()
    ap.add_argument('--models', default=','.join(rec['models']))
    ap.add_argument('--benchmarks', default=','.join(rec['benchmarks']))
    ap.add_argument('--methods', default=','.join(rec['defaultMethods']))
    ap.add_argument('--seeds', default=','.join(str(s) for s in rec['seeds']))
    ap.add_argument('--epochs', type=int, default=rec['epochs'])
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--batch', type=int, default=rec['batchSize'])
    ap.add_argument('--sweep-seeds', default=None,
                    help='seeds of the sweep, e.g. 100,101: the rate is picked by the mean ID metric over them '
                         '(one sweep seed sits a rate next to one that diverges on another seed)')
    ap.add_argument('--detail', action='store_true', help='record per-epoch per-layer drift and gradient norms (the recorded reference)')
    ap.add_argument('--data-tag', default='0', help="which exported sets: .cache/bench-<name>-<tag> (export-sets.ts writes 'preset')")
    ap.add_argument('--lrs', default=None, help='fixed learning rates instead of the sweep, e.g. sgd=0.03,adamw=0.001 (the preset)')
    ap.add_argument('--extra-lrs', default=None,
                    help="rates added to a method's sweep, e.g. lamb=0.03,sgd=0.001 (a pick at the sweep's edge is "
                         'extended one grid step, as docs/results/ablation-declared.md says); they compete by the same rule')
    ap.add_argument('--extend-edges', type=int, default=0,
                    help='a pick at the top or bottom of its sweep adds the next grid rate that way (x~3: 1, 3, 10), '
                         'at every sweep seed, up to N times, before the seeds run (the rule of ablation-declared.md)')
    ap.add_argument('--family', action='store_true', help='also the checkpoint family (public/models/family/manifest.json)')
    ap.add_argument('--out', default=os.path.join(CACHE, 'experiments', 'torch'))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    rec = dict(rec, epochs=args.epochs, batchSize=args.batch, dataTag=args.data_tag)
    extra = {}
    for kv in (args.extra_lrs.split(',') if args.extra_lrs else []):
        k, v = kv.split('=')
        extra.setdefault(k, []).append(float(v))
    if args.lrs:
        fixed = {k: float(v) for k, v in (kv.split('=') for kv in args.lrs.split(','))}
        sweep_of_ = lambda _rec, mid: [fixed[mid]]  # noqa: E731
    else:
        sweep_of_ = lambda rec_, mid: sorted(set(sweep_of(rec_, mid)) | set(extra.get(mid, [])))  # noqa: E731
    os.makedirs(args.out, exist_ok=True)
    entries = {m['name']: m for m in checkpoint.read_manifest()['models']}
    if args.family:  # the checkpoint family of issue #20 (public/models/family), files relative to public/models
        with open(os.path.join(MODELS_DIR, 'family', 'manifest.json')) as f:
            entries.update({m['name']: dict(m, file='family/' + m['file']) for m in json.load(f)['models']})
    seeds = [int(s) for s in args.seeds.split(',')]
    sweep_seeds = [int(s) for s in args.sweep_seeds.split(',')] if args.sweep_seeds else [rec['sweepSeed']]
    cells = [(m, b, mid) for m in args.models.split(',') for b in args.benchmarks.split(',') for mid in args.methods.split(',')]
    planned = sum(len(sweep_of_(rec, mid)) * len(sweep_seeds) + len([s for s in seeds if s not in sweep_seeds]) for _, _, mid in cells)
    done_n, ran_n, spent, cache = 0, 0, 0.0, {}

    def do(m, b, mid, lr, seed):
        nonlocal done_n, ran_n, spent
        path = os.path.join(args.out, key(m, bench_name(b, args.data_tag), mid, lr, seed, rec['epochs']) + '.json')
        done_n += 1
        if os.path.exists(path):
            with open(path) as f:
                return json.load(f)
        with fast_ops.fast_linear():
            r = finetune.run(entries[m], b, dict(rec['methods'][mid], id=mid), lr, seed, rec, cache, detail=args.detail)
        r['method'] = mid
        r['benchmark'] = bench_name(b, args.data_tag)
        with open(path + '.tmp', 'w') as f:
            json.dump(r, f)
        os.replace(path + '.tmp', path)
        spent += r['seconds']
        ran_n += 1
        eta = spent / ran_n * (planned - done_n)
        best = r['best'] or {}
        print(f'[{done_n}/{planned}] {m} {b} {mid} lr {lr:g} seed {seed}: best epoch {best.get("epoch")} '
              f'id {best.get("id", float("nan")):.3f} ood {best.get("ood", float("nan")):.3f} drift {r["embedDrift"]:.3f} '
              f'({r["seconds"]:.0f} s, ETA {eta / 60:.0f} min)', file=sys.stderr, flush=True)
        return r

    for m, b, mid in cells:
        means, rates = {}, list(sweep_of_(rec, mid))
        for lr in rates:
            means.update(sweep_mean(lambda lr_, s: do(m, b, mid, lr_, s), lr, sweep_seeds))
        best_lr = max(means, key=means.get)
        for _ in range(args.extend_edges):
            step = edge_step(best_lr, rates)
            if step is None:
                break
            rates = sorted(rates + [step])
            print(f'{m} {b} {mid}: pick {best_lr:g} is the edge of {rates}; extended to {step:g}', file=sys.stderr, flush=True)
            means.update(sweep_mean(lambda lr_, s: do(m, b, mid, lr_, s), step, sweep_seeds))
            best_lr = max(means, key=means.get)
        print(f'{m} {b} {mid}: picked lr {best_lr:g} (mean ID over sweep seeds {sweep_seeds}: '
              + ', '.join(f'{lr:g} {v:.3f}' for lr, v in means.items()) + ')', file=sys.stderr, flush=True)
        for s in seeds:
            if s not in sweep_seeds:
                do(m, b, mid, best_lr, s)


if __name__ == '__main__':
    main()
