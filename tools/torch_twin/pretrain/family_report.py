"""The checkpoint family's results (issue #20): per member, the ratio on the lesson's data
(public/models/family/manifest.json `ratios`) beside the twin experiment's OOD gaps, and over
the family Spearman's rho between the raw ratio and AdamW - SGD, with a bootstrap interval.

Run (after family_ratios and the experiment matrix with --family):
    /usr/bin/python3 -m tools.torch_twin.pretrain.family_report [--runs .cache/experiments/family/torch]

Reads every run record (tools/torch_twin/experiment/matrix.py) of the lesson's preset data;
the rate of each (model, method) is the one the matrix picked: the best mean ID metric over the
sweep seeds (100, 101), never OOD. Per model with all of seeds 0-4 at the picked rates:
AdamW - SGD and SGD freeze-embed - AdamW OOD, paired by seed, mean with a 90% t-interval.
Writes docs/results/family.json (what docs/results.md's table and the page's scatter read) and
prints the markdown table.
"""
import argparse
import glob
import json
import math
import os
import random

from ..paths import ROOT
from .family import FAMILY_MANIFEST

SEEDS = [0, 1, 2, 3, 4]
SWEEP_SEEDS = [100, 101]
METHODS = ['sgd', 'adamw', 'sgd-freeze']
T90 = {4: 2.132, 9: 1.833}  # Student's t, two-sided 90%, by degrees of freedom
OUT = os.path.join(ROOT, 'docs', 'results', 'family.json')


def load_runs(folder):
    runs = []
    for p in glob.glob(os.path.join(folder, '*.json')):
        with open(p) as f:
            runs.append(json.load(f))
    return [r for r in runs if r['benchmark'] == 'acquisition-preset']


def picked_lr(runs, model, method):
    """The rate with the best mean ID over the sweep seeds (a rate that diverged on one is out)."""
    by_lr = {}
    for r in runs:
        if r['model'] == model and r['method'] == method and r['seed'] in SWEEP_SEEDS:
            by_lr.setdefault(r['lr'], []).append(r)
    means = {lr: sum(r['best']['id'] for r in rs) / len(rs) for lr, rs in by_lr.items()
             if len(rs) == len(SWEEP_SEEDS) and all(r['best'] and not r['diverged'] for r in rs)}
    return max(means, key=means.get) if means else None


def mean_ci(xs):
    n = len(xs)
    m = sum(xs) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    h = T90[n - 1] * sd / math.sqrt(n)
    return dict(mean=round(m, 2), lo=round(m - h, 2), hi=round(m + h, 2), n=n)


def gaps_of(runs, model):
    """OOD points (x100) per method at the picked rate over SEEDS, and the paired gaps; None if incomplete."""
    ood, idv, lrs = {}, {}, {}
    for mid in METHODS:
        lr = picked_lr(runs, model, mid)
        if lr is None:
            return None
        by_seed = {r['seed']: r for r in runs if r['model'] == model and r['method'] == mid and r['lr'] == lr}
        if not all(s in by_seed for s in SEEDS):
            return None
        ood[mid] = [100 * by_seed[s]['best']['ood'] for s in SEEDS]
        idv[mid] = [100 * by_seed[s]['best']['id'] for s in SEEDS]
        lrs[mid] = lr
    return dict(lr=lrs, ood={k: mean_ci(v) for k, v in ood.items()}, id={k: mean_ci(v) for k, v in idv.items()},
                adamwMinusSgd=mean_ci([a - s for a, s in zip(ood['adamw'], ood['sgd'])]),
                freezeMinusAdamw=mean_ci([f - a for f, a in zip(ood['sgd-freeze'], ood['adamw'])]))


def ranks(xs):
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2
        i = j + 1
    return r


def spearman(x, y):
    rx, ry = ranks(x), ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx, vy = sum((a - mx) ** 2 for a in rx), sum((b - my) ** 2 for b in ry)
    return cov / math.sqrt(vx * vy) if vx > 0 and vy > 0 else float('nan')


def bootstrap(x, y, n=10000, seed=0):
    """90% percentile interval of rho over resamples of the checkpoints (degenerate resamples skipped)."""
    rng = random.Random(seed)
    vals = []
    for _ in range(n):
        idx = [rng.randrange(len(x)) for _ in x]
        v = spearman([x[i] for i in idx], [y[i] for i in idx])
        if not math.isnan(v):
            vals.append(v)
    vals.sort()
    return [round(vals[int(0.05 * len(vals))], 3), round(vals[int(0.95 * len(vals)) - 1], 3)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', default=os.path.join(ROOT, '.cache', 'experiments', 'family', 'torch'))
    args = ap.parse_args()
    with open(FAMILY_MANIFEST) as f:
        man = json.load(f)
    designs = {m['name']: dict(design=m['design'], lever=m['lever']) for m in man['models']}
    runs = load_runs(args.runs)
    rows = []
    for name, ratio in man['ratios']['byModel'].items():
        row = dict(name=name, kind=ratio['kind'], **designs.get(name, {}), ratio=ratio)
        if ratio['kind'] != 'control':
            row['gaps'] = gaps_of(runs, name)
        rows.append(row)
    done = [r for r in rows if r.get('gaps')]
    corr = None
    if len(done) >= 4:
        x = [r['ratio']['raw'] for r in done]
        y = [r['gaps']['adamwMinusSgd']['mean'] for r in done]
        corr = dict(rho=round(spearman(x, y), 3), ci90=bootstrap(x, y), n=len(done),
                    what='Spearman rho, raw ratio vs AdamW - SGD OOD (mean over seeds 0-4); 90% bootstrap over checkpoints')
    out = dict(about='docs/results/family-declared.md; tools/torch_twin/pretrain/family_report.py', seeds=SEEDS, sweepSeeds=SWEEP_SEEDS,
               data='classroom preset: acquisition strength 1, digits 0-4, 2 epochs, batch 32 (PyTorch twin)', rows=rows,
               correlation=corr)
    with open(OUT, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    multi = len(man['ratios']['headSeeds']) > 1
    print('| checkpoint | design: lever | raw ratio | RMS (all middle) | RMS (ViT blocks) | AdamW − SGD OOD (90% CI) | '
          'SGD-freeze − AdamW OOD | rates sgd / adamw / freeze |')
    print('|---|---|---|---|---|---|---|---|')
    for r in sorted(rows, key=lambda r: r['ratio']['raw']):
        q = r['ratio']
        g = r.get('gaps')
        gap = lambda k: f'{g[k]["mean"]:+.1f} [{g[k]["lo"]:+.1f}, {g[k]["hi"]:+.1f}]' if g else 'not run'  # noqa: E731
        lrs = ' / '.join(f'{g["lr"][m]:g}' for m in METHODS) if g else ''
        raw = f'{q["raw"]:.2f}' + (f' [{q["rawRange"][0]:.2f}, {q["rawRange"][1]:.2f}]' if multi else '')
        blocks = f'{q["rmsBlocks"]:.2f}' if 'vit' in r['name'] else '—'  # every ViT member's name says so
        design = f'{r["design"]}: {r["lever"]}' if 'design' in r else r['kind']
        print(f'| `{r["name"]}` | {design} | {raw} | {q["rms"]:.2f} | {blocks} | {gap("adamwMinusSgd")} | '
              f'{gap("freezeMinusAdamw")} | {lrs} |')
    print(f'\ncorrelation: {corr}')


if __name__ == '__main__':
    main()
