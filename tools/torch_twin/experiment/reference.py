"""The recorded full experiment, as a small JSON the playground shows beside a live run.

    /usr/bin/python3 -m tools.torch_twin.experiment.reference [--runs .cache/reference] [--seeds 200-209]
        [--out public/reference/acquisition-s10.json]

Reads the twin's run records (matrix.py --detail: per-epoch ID/OOD accuracy, loss, per-layer
drift and gradient norms) at the picked rate of each method, and writes, per method, the mean
and 90% interval over seeds of every per-epoch number and of the best-ID epoch's accuracies,
and each seed's best-ID accuracies and embedding drift ("perSeed": the page draws them as dots and
pairs the methods seed by seed, since every method ran the same seeds).
Nothing is trained here: it summarises what matrix.py recorded.
"""
import argparse
import glob
import json
import math
import os
import statistics

from ..paths import CACHE, ROOT
METHODS = ['sgd', 'adamw', 'sgd-freeze', 'sgd-freeze-nomom']
# Student's t, two-sided 90%, by degrees of freedom (as src/cli/experiment/stats.ts).
T90 = {1: 6.314, 2: 2.920, 3: 2.353, 4: 2.132, 5: 2.015, 6: 1.943, 7: 1.895, 8: 1.860, 9: 1.833, 10: 1.812, 11: 1.796, 12: 1.782}


def interval(xs):
    """{mean, half, n}: mean and the half-width of the 90% t-interval (0 for one value)."""
    m = statistics.fmean(xs)
    half = T90.get(len(xs) - 1, 1.645) * statistics.stdev(xs) / math.sqrt(len(xs)) if len(xs) > 1 else 0.0
    return {'mean': round(m, 5), 'half': round(half, 5), 'n': len(xs)}


def seeds_arg(s):
    if '-' in s:
        a, b = s.split('-')
        return list(range(int(a), int(b) + 1))
    return [int(x) for x in s.split(',')]


def per_seed(rs):
    """[{seed, id, ood, embedDrift}] ascending by seed: the best-ID epoch's accuracies (k/1000, exact at 4
    decimals) and the embedding's drift at the end, rounded as the intervals are."""
    return [{'seed': r['seed'], 'id': round(r['best']['id'], 4), 'ood': round(r['best']['ood'], 4),
             'embedDrift': round(r['embedDrift'], 5)} for r in sorted(rs, key=lambda r: r['seed'])]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', default=os.path.join(CACHE, 'reference'))
    ap.add_argument('--seeds', default='200-209')
    ap.add_argument('--out', default=os.path.join(ROOT, 'public', 'reference', 'acquisition-s10.json'))
    a = ap.parse_args()
    seeds = seeds_arg(a.seeds)
    runs = [json.load(open(f)) for f in glob.glob(os.path.join(a.runs, '*.json'))]
    out = {'methods': {}}
    for mid in METHODS:
        rs = [r for r in runs if r['method'] == mid and r['seed'] in seeds and not r['diverged']]
        if not rs:
            continue
        lrs = {r['lr'] for r in rs}
        assert len(lrs) == 1, f'{mid}: runs at several rates {lrs}: give the seeds of one rate'
        first = rs[0]
        epochs = len(first['perEpoch'])
        layers = list(first['perEpoch'][0].get('drift', {}).keys())
        per_epoch = []
        for e in range(epochs):
            rows = [r['perEpoch'][e] for r in rs]
            per_epoch.append({
                'epoch': e + 1,
                'id': interval([h['id'] for h in rows]),
                'ood': interval([h['ood'] for h in rows]),
                'loss': interval([h['loss'] for h in rows]),
                'drift': {l: interval([h['drift'][l] for h in rows]) for l in layers if all('drift' in h for h in rows)},
                'gradNorm': {l: interval([h['gradNorm'][l] for h in rows]) for l in layers if all(l in h.get('gradNorm', {}) for h in rows)},
            })
        out['methods'][mid] = {
            'lr': first['lr'],
            'seeds': sorted(r['seed'] for r in rs),
            'best': {'id': interval([r['best']['id'] for r in rs]), 'ood': interval([r['best']['ood'] for r in rs])},
            'embedDrift': interval([r['embedDrift'] for r in rs]),
            'perEpoch': per_epoch,
            'perSeed': per_seed(rs),
        }
        out.update(model=first['model'], epochs=first['epochs'], batchSize=first['batchSize'], steps=first['steps'])
    n = max((len(m['seeds']) for m in out['methods'].values()), default=0)
    out.update(
        benchmark='acquisition', strength=1.0, trainImages=3000,
        title=f'The full experiment, recorded: {n} seeds, 3,000 images, {out.get("epochs", "?")} epochs',
        about='PyTorch twin of the engine (tools/torch_twin/experiment/matrix.py --detail), the ViT on acquisition at shift strength 1.0, '
              'all ten classes, batch 64, cosine schedule; each method at the rate with the best mean ID over two sweep seeds; '
              'mean and 90% interval over seeds. Accuracies of the best-ID epoch, as the paper selects.',
    )
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
    print(f'{a.out}: {os.path.getsize(a.out)} bytes, methods {list(out["methods"])}')


if __name__ == '__main__':
    main()
