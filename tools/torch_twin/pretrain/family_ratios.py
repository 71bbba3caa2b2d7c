"""The embedding-gradient ratio of every member of the checkpoint family (issue #20), and of the
four shipped checkpoints and the untrained control, on the lesson's data.

Run (after `npx tsx tools/experiment/export-sets.ts --preset` and pretrain.family):
    nice -n 19 /usr/bin/python3 -m tools.torch_twin.pretrain.family_ratios --threads 1 [--head-seeds 0,1,2]

The measurement is grad_ratios.measure, unchanged (docs/results/family-declared.md states it):
fresh 5-class head, train mode, lr 0, batch 32, one epoch of the preset's training set with its
augmentation, per-layer L2 norms averaged over the batches. From those averages:
  raw  = first layer / largest middle (body-group) layer, the paper's statistic;
  rms  = the same with each layer's norm divided by sqrt(its parameter count);
  rmsBlocks = rms against the ViT's transformer blocks alone (other families: = rms).
Per head seed; the ratio reported is the mean over head seeds, with min and max.
Writes `ratios` into public/models/family/manifest.json and every per-layer average to
.cache/family-ratios.json.
"""
import argparse
import json
import os
import sys
import time

import torch

from .. import checkpoint, fast_ops, models
from ..paths import CACHE
from .family import FAMILY_MANIFEST, save_control
from .grad_ratios import measure

LESSON = ('acquisition', 'preset')  # .cache/bench-acquisition-preset: the classroom preset's data


def layer_sizes(entry):
    model = models.build(entry['config'])
    sizes = {}
    for n, p in model.named_parameters():
        sizes[model.layer_of(n)] = sizes.get(model.layer_of(n), 0) + p.numel()
    mids = [layer for layer in model.layers if model.group_of_layer(layer) == 'body']
    return sizes, mids


def ratios_of(entry, r):
    """raw, rms and rmsBlocks from one measurement's per-layer averages."""
    sizes, mids = layer_sizes(entry)
    avg = r['perLayer']
    first = r['embedLayer']
    rms = {layer: avg[layer] / sizes[layer] ** 0.5 for layer in avg}
    blocks = [m for m in mids if m.startswith('blocks.')] or mids
    return dict(raw=r['ratio'], rms=rms[first] / max(rms[m] for m in mids), rmsBlocks=rms[first] / max(rms[m] for m in blocks),
                maxMiddleLayer=r['maxMiddleLayer'], embedNorm=r['embedNorm'], maxMiddleNorm=r['maxMiddleNorm'],
                embedParams=sizes[first])


def summarise(per_seed):
    out = {}
    for k in ('raw', 'rms', 'rmsBlocks'):
        vals = [s[k] for s in per_seed]
        out[k] = round(sum(vals) / len(vals), 4)
        out[k + 'Range'] = [round(min(vals), 4), round(max(vals), 4)]
    out['maxMiddleLayer'] = per_seed[0]['maxMiddleLayer']
    out['embedParams'] = per_seed[0]['embedParams']
    return out


def members():
    """(name, kind, manifest-like entry whose `file` resolves under public/models)."""
    out = [(m['name'], 'shipped', m) for m in checkpoint.read_manifest()['models']]
    if os.path.exists(FAMILY_MANIFEST):
        with open(FAMILY_MANIFEST) as f:
            out += [(m['name'], 'family', dict(m, file='family/' + m['file'])) for m in json.load(f)['models']]
    out.append(('vit-init', 'control', save_control()))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--head-seeds', default='0,1,2')
    ap.add_argument('--only', default=None)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--remeasure', action='store_true',
                    help='measure every head seed again (default: a seed already in .cache/family-ratios.json is kept)')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    seeds = [int(s) for s in args.head_seeds.split(',')]
    only = set(args.only.split(',')) if args.only else None
    path = os.path.join(CACHE, 'family-ratios.json')
    detail = json.load(open(path)) if os.path.exists(path) else {}
    summary = {}
    for name, kind, entry in members():
        if only and name not in only:
            if name in detail:
                summary[name] = dict(detail[name]['summary'], kind=kind)
            continue
        t0 = time.time()
        runs = []
        # A head seed measured before (same checkpoint file, same code) is kept: the measurement is deterministic.
        before = {} if args.remeasure else {r['headSeed']: r for r in detail.get(name, {}).get('runs', [])}
        for hs in seeds:
            if hs in before:
                runs.append(before[hs])
                continue
            with fast_ops.fast_linear():
                r = measure(entry, LESSON[0], LESSON[1], head_seed=hs)
            runs.append(dict(r, headSeed=hs, **ratios_of(entry, r)))
        s = summarise(runs)
        detail[name] = dict(kind=kind, runs=runs, summary=s)
        summary[name] = dict(s, kind=kind)
        print(f'{name:24s} {kind:8s} raw {s["raw"]:.3f} {s["rawRange"]}  rms {s["rms"]:.3f}  rmsBlocks {s["rmsBlocks"]:.3f}  '
              f'max middle {s["maxMiddleLayer"]}  ({time.time() - t0:.0f} s)', file=sys.stderr, flush=True)
        with open(path, 'w') as f:
            json.dump(detail, f, indent=1)
    man = {'version': 1, 'models': []}
    if os.path.exists(FAMILY_MANIFEST):
        with open(FAMILY_MANIFEST) as f:
            man = json.load(f)
    man['ratios'] = dict(
        definition='on the classroom preset\'s data (acquisition, strength 1, digits 0-4): fresh 5-class head, train mode, lr 0, '
                   'batch 32, one epoch with augmentation; per-layer gradient L2 norms averaged over the batches. raw = first layer / '
                   'largest body ("middle") layer (embedToMaxMiddleRatio); rms = the same per parameter (norm / sqrt(count)); '
                   'rmsBlocks = rms against the ViT\'s transformer blocks alone. Mean over head seeds, with [min, max].',
        headSeeds=seeds, orderSeed=0, byModel=summary)
    with open(FAMILY_MANIFEST, 'w') as f:
        json.dump(man, f, indent=2)
        f.write('\n')


if __name__ == '__main__':
    main()
