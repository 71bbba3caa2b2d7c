"""Markdown tables for docs/pretraining.md from public/models/manifest.json and
.cache/grad-ratios.json (what grad_ratios.py wrote).

    /usr/bin/python3 -m tools.torch_twin.pretrain.report [--ratios .cache/grad-ratios.json]
"""
import argparse
import json
import os

from ..paths import CACHE, MANIFEST


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ratios', default=os.path.join(CACHE, 'grad-ratios.json'))
    args = ap.parse_args()
    with open(MANIFEST) as f:
        man = json.load(f)
    print('| checkpoint | family | pretrained with | params | embed group (share) | first layer (share) | '
          'train acc | held-out acc | epochs | train time | bytes |')
    print('|---|---|---|---|---|---|---|---|---|---|---|')
    for m in man['models']:
        r = m['recipe']
        opt = f'{r["optimizer"]} lr {r["lr"]:g} wd {r["weightDecay"]:g}' + (f' mom {r["momentum"]:g}' if r['optimizer'] == 'sgd' else '')
        print(f'| `{m["name"]}` | {m["family"]} | {opt} | {m["params"]:,} | {m["embedParams"]:,} ({m["embedShare"]:.1%}) | '
              f'{m["firstLayerParams"]:,} ({m["firstLayerShare"]:.2%}) | {m["accuracy"]["train"]:.3f} | {m["accuracy"]["heldout"]:.3f} | '
              f'{r["epochs"]} | {r["trainSeconds"]:.0f} s | {m["bytes"]:,} |')
    print(f'\nTotal: {man["totalBytes"]:,} bytes.\n')
    if not os.path.exists(args.ratios):
        return
    with open(args.ratios) as f:
        res = json.load(f)
    benches = list(next(iter(res.values())).keys())
    print('| checkpoint | ' + ' | '.join(benches) + ' | mean |')
    print('|---|' + '---|' * (len(benches) + 1))
    for n, rs in res.items():
        vals = [rs[b]['ratio'] for b in benches]
        print(f'| `{n}` | ' + ' | '.join(f'{v:.2f}' for v in vals) + f' | {sum(vals) / len(vals):.2f} |')
    print('\nEmbedding-layer norm / largest middle layer (name) / head, per benchmark:\n')
    print('| checkpoint | benchmark | embed | largest middle | head |')
    print('|---|---|---|---|---|')
    for n, rs in res.items():
        for b, r in rs.items():
            print(f'| `{n}` | {b} | {r["embedNorm"]:.3f} | {r["maxMiddleNorm"]:.3f} ({r["maxMiddleLayer"]}) | {r["headNorm"]:.3f} |')


if __name__ == '__main__':
    main()
