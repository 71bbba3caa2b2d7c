"""Times one PyTorch training step of the twin's models, for `npm run bench` (src/cli/bench-torch.ts).

A line protocol on stdin/stdout, so the TS bench can interleave PyTorch steps with its own in one
run (machine noise then hits both alike): each input line `family batch optimizer` runs one
training step (forward, cross-entropy, backward, optimizer step) of that model on a fixed random
batch and prints its wall milliseconds. The first line out is `ready threads=N`.

Run as `python3 -m tools.torch_twin.bench_step [--threads N] [--device cuda]` from the repository
root. On CUDA each step ends with a synchronize, so its time is the GPU's (eager mode).
"""
import argparse
import sys
import time

import torch
import torch.nn.functional as F

from . import specs
from .models import build
from .optim import make_optimizer, param_groups


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--device', default='cpu')
    args = ap.parse_args()
    device = torch.device(args.device)
    sync = torch.cuda.synchronize if device.type == 'cuda' else (lambda: None)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    cache = {}
    where = torch.cuda.get_device_name(device) if device.type == 'cuda' else f'threads={torch.get_num_threads()}'
    print(f'ready {where}', flush=True)
    for line in sys.stdin:
        family, batch, kind = line.split()
        key = (family, int(batch), kind)
        if key not in cache:
            cfg = specs.config('default', family)
            model = build(cfg).to(device).train()
            # The engine's defaults: AdamW 1e-3 with decay 0.05; SGD with momentum 0.9.
            opt = make_optimizer(param_groups(model, 0.05), 'adamw' if kind == 'adamw' else 'sgd', 1e-3,
                                 momentum=0.9 if kind == 'sgd-momentum' else 0.0)
            x = torch.randn(int(batch), cfg['channels'], cfg['imageSize'], cfg['imageSize'], device=device)  # NCHW
            y = torch.randint(0, cfg['numClasses'], (int(batch),), device=device)
            cache[key] = (model, opt, x, y)
        model, opt, x, y = cache[key]
        sync()
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        sync()
        print(f'{(time.perf_counter() - t0) * 1000:.3f}', flush=True)


if __name__ == '__main__':
    main()
