#!/usr/bin/env python3
"""Golden fixtures for tests/parity/checkpoints.test.ts, from PyTorch with the plain models
(tools/reference/models.py, no fast_ops).

Run (after export-pool.ts and pretrain.py):
    /usr/bin/python3 tools/pretrain/make_checkpoint_fixtures.py

Writes tests/fixtures/checkpoints/:
  inputs.safetensors  `input`: 8 held-out pretraining-pool images, `task_input` + `task_labels`:
      the first 8 training images of the `style` benchmark (seed 0, no augmentation); both
      NCHW float32, normalised as the engine does ((p/255 - 0.5)/0.5).
  <name>.safetensors  for each model in public/models/manifest.json: `eval_logits` and
      `train_logits` of the checkpoint on `input` (20 classes); a fresh 10-class head
      (`head.<param>`, the engine's init, seed 0) and, with it on `task_input`/`task_labels`
      in training mode, the per-layer gradient norms (`grad_norms`, in the order of the
      metadata's `layers`) and the embed / max-middle ratio (`ratio`). Metadata: the
      checkpoint's sha256 (the test refuses a stale fixture).
"""
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'reference'))
sys.path.insert(0, HERE)
import models  # noqa: E402
import st_io  # noqa: E402
import data  # noqa: E402
import layers  # noqa: E402
import grad_ratios  # noqa: E402

OUT = os.path.join(data.ROOT, 'tests', 'fixtures', 'checkpoints')
N = 8


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    with open(grad_ratios.MANIFEST) as f:
        man = json.load(f)
    _, pool = data.load_sets(data.pool_path(man['models'][0]['data']['poolSeed']))
    _, style = data.load_sets(data.bench_path('style', 0))
    x = data.normalise(pool['heldout'][0][:N]).contiguous()
    tx = data.normalise(style['train'][0][:N]).contiguous()
    ty = style['train'][1][:N]
    st_io.save(os.path.join(OUT, 'inputs.safetensors'),
               {'input': x.numpy(), 'task_input': tx.numpy(), 'task_labels': ty.numpy().astype(np.int64)},
               metadata={'source': 'make_checkpoint_fixtures.py'})
    for m in man['models']:
        cfg = m['config']
        model = models.build(cfg)
        sd, _ = st_io.load(os.path.join(data.ROOT, 'public', 'models', m['file']))
        model.load_state_dict({k: torch.from_numpy(v) for k, v in sd.items()}, strict=True)
        with torch.no_grad():
            model.eval()
            eval_logits = model(x).numpy()
            model.train()
            train_logits = model(x).numpy()  # (running statistics change here; the model is discarded)
        task_model, task_cfg = grad_ratios.load_for_task(m, 10, head_seed=0)
        norms = grad_ratios.batch_layer_norms(task_model, task_cfg, tx, ty)
        names = layers.layer_names(task_cfg)
        ratio = layers.embed_to_max_middle(task_cfg, norms)
        heads = {f'head.{n}': p.detach().numpy().copy() for n, p in task_model.named_parameters() if n in grad_ratios.HEAD_NAMES[cfg['family']]}
        st_io.save(os.path.join(OUT, f'{m["name"]}.safetensors'), {
            'eval_logits': eval_logits,
            'train_logits': train_logits,
            **heads,
            'grad_norms': np.array([norms[n] for n in names], dtype=np.float32),
            'ratio': np.array([ratio], dtype=np.float32),
        }, metadata={'name': m['name'], 'checkpointSha256': m['sha256'], 'layers': json.dumps(names), 'taskClasses': 10})
        print(f'{m["name"]}: ratio on the fixture batch {ratio:.3f}', file=sys.stderr)


if __name__ == '__main__':
    main()
