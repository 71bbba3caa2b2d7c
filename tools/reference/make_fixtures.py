#!/usr/bin/env python3
"""Golden fixtures for the TS engine's parity tests (tests/parity), from PyTorch.

Run:  npm run fixtures   (= /usr/bin/python3 tools/reference/make_fixtures.py)
Needs Debian's python3-torch. Deterministic: a fixed seed, single-threaded, float32.

Writes tests/fixtures/parity/:
  model-<family>.safetensors  random weights (PyTorch layout, `param.<name>`), an input batch
      (`input`, NCHW), labels, expected train-mode logits and loss, every parameter's
      gradient (`grad.<name>`), eval-mode logits, and (ResNet) BatchNorm statistics after
      the train-mode forward (`after.<name>`). Metadata: the model config as JSON.
  traj-<family>-<method>.safetensors  a 20-step optimizer trajectory: initial weights,
      4 input batches (step t uses batch t % 4), per-step losses, and every parameter and
      buffer after each step (`step<t>.<name>`, t = 1..20). Metadata: model config, optimizer,
      schedule, frozen groups.
"""
import json
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
import models  # noqa: E402
import st_io  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'fixtures', 'parity')

# Small configs of each family: the architecture code is the same as the defaults',
# only sizes are smaller, so fixtures stay small and tests fast.
CONFIGS = {
    'vit': dict(family='vit', imageSize=14, patchSize=7, channels=3, dim=16, depth=2, heads=2, mlpRatio=2, numClasses=5, embed='patch'),
    'convnext': dict(family='convnext', imageSize=16, channels=3, patchSize=2, dims=[8, 16], depths=[1, 1], numClasses=5,
                     layerScaleInit=1e-6, embed='stem+stage0'),
    'resnet': dict(family='resnet', imageSize=14, channels=3, widths=[4, 8, 8], blocks=[1, 1, 1], numClasses=5, embed='stem+layer1'),
}
TRAJ_CONFIGS = {
    'vit': dict(CONFIGS['vit'], depth=1, dim=12, numClasses=4),
    'convnext': dict(CONFIGS['convnext'], dims=[6, 8], numClasses=4),
    'resnet': dict(CONFIGS['resnet'], widths=[4, 6], blocks=[1, 1], numClasses=4),
}
STEPS = 20
BATCH = 4

# name -> (optimizer config in the TS engine's JSON form, schedule, frozen groups)
METHODS = {
    'sgd': ({'kind': 'sgd', 'lr': 0.1, 'momentum': 0.0, 'nesterov': False, 'weightDecay': 0.0}, {'kind': 'constant'}),
    'sgd-momentum': ({'kind': 'sgd', 'lr': 0.05, 'momentum': 0.9, 'nesterov': False, 'weightDecay': 0.0}, {'kind': 'cosine'}),
    'sgd-nesterov-wd': ({'kind': 'sgd', 'lr': 0.05, 'momentum': 0.9, 'nesterov': True, 'weightDecay': 1e-3}, {'kind': 'cosine'}),
    'adamw': ({'kind': 'adamw', 'lr': 1e-2, 'beta1': 0.9, 'beta2': 0.999, 'eps': 1e-8, 'weightDecay': 0.05},
              {'kind': 'warmup-cosine', 'warmupSteps': 3}),
}
TRAJECTORIES = [(f, m, frz) for f, ms in [('vit', list(METHODS)), ('resnet', ['sgd-momentum']), ('convnext', ['adamw'])]
                for m in ms for frz in (False, True)]


def randomize(model, g):
    """Random weights at scales that give every parameter a useful, nonzero gradient."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith('gamma'):
                p.copy_(0.5 + 0.2 * torch.randn(p.shape, generator=g))
            elif p.ndim == 1 and ('norm' in name or 'bn' in name or 'downsample.1' in name or name.endswith('stem.1.weight')):
                p.copy_((1.0 if name.endswith('weight') else 0.0) + 0.1 * torch.randn(p.shape, generator=g))
            elif p.ndim == 1:
                p.copy_(0.05 * torch.randn(p.shape, generator=g))
            else:
                fan_in = p[0].numel() if p.ndim > 1 else p.numel()
                p.copy_(torch.randn(p.shape, generator=g) / math.sqrt(max(fan_in, 1)))
        for name, b in model.named_buffers():
            if name.endswith('running_mean'):
                b.copy_(0.1 * torch.randn(b.shape, generator=g))
            elif name.endswith('running_var'):
                b.copy_(1.0 + 0.2 * torch.rand(b.shape, generator=g))
            elif name.endswith('num_batches_tracked'):
                b.fill_(3)


def state(model):
    """Parameters and buffers in state-dict order, as numpy (int64 counters stay int64)."""
    return {k: v.detach().cpu().numpy().copy() for k, v in model.state_dict().items()}


def lr_at(schedule, base, step, total):
    """Mirror of src/core/optim/schedule.ts."""
    def cos(t, T):
        t = min(t, T)
        return base * (1 + math.cos(math.pi * t / max(1, T))) / 2
    if schedule['kind'] == 'constant':
        return base
    if schedule['kind'] == 'cosine':
        return cos(step, total)
    w = schedule['warmupSteps']
    return base * (step + 1) / w if step < w else cos(step - w, max(1, total - w))


def inputs(cfg, g, n):
    s = cfg['imageSize']
    x = torch.randn((n, cfg['channels'], s, s), generator=g)
    y = torch.randint(0, cfg['numClasses'], (n,), generator=g)
    return x, y


def model_fixture(family):
    cfg = CONFIGS[family]
    g = torch.Generator().manual_seed(1234 + len(family))
    model = models.build(cfg)
    randomize(model, g)
    x, y = inputs(cfg, g, BATCH)
    init = state(model)
    model.eval()
    eval_logits = model(x).detach()
    model.train()
    logits = model(x)
    loss = torch.nn.functional.cross_entropy(logits, y)
    loss.backward()
    out = {f'param.{k}': v for k, v in init.items()}
    out['input'] = x.numpy()
    out['labels'] = y.numpy().astype(np.int64)
    out['logits'] = logits.detach().numpy()
    out['loss'] = np.array(loss.item(), dtype=np.float32)
    out['eval_logits'] = eval_logits.numpy()
    for k, p in model.named_parameters():
        out[f'grad.{k}'] = p.grad.numpy().copy()
    for k, v in model.named_buffers():
        out[f'after.{k}'] = v.detach().numpy().copy()
    st_io.save(os.path.join(OUT, f'model-{family}.safetensors'), out, {'config': json.dumps(cfg)})


def make_optimizer(model, cfg, opt, frozen):
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if frozen and models.is_embed(cfg, name):
            p.requires_grad_(False)  # frozen: no gradient, never handed to the optimizer
            continue
        (no_decay if models.no_decay(name, p) else decay).append(p)
    groups = [{'params': decay, 'weight_decay': opt['weightDecay']}, {'params': no_decay, 'weight_decay': 0.0}]
    if opt['kind'] == 'sgd':
        return torch.optim.SGD(groups, lr=opt['lr'], momentum=opt['momentum'], nesterov=opt['nesterov'], dampening=0)
    return torch.optim.AdamW(groups, lr=opt['lr'], betas=(opt['beta1'], opt['beta2']), eps=opt['eps'])


def trajectory_fixture(family, method, frozen):
    cfg = TRAJ_CONFIGS[family]
    opt_cfg, schedule = METHODS[method]
    g = torch.Generator().manual_seed(99 + len(family) + len(method))
    model = models.build(cfg)
    randomize(model, g)
    xs, ys = zip(*[inputs(cfg, g, BATCH) for _ in range(4)])
    out = {f'param.{k}': v for k, v in state(model).items()}
    for i in range(4):
        out[f'input.{i}'] = xs[i].numpy()
        out[f'labels.{i}'] = ys[i].numpy().astype(np.int64)
    opt = make_optimizer(model, cfg, opt_cfg, frozen)
    model.train()
    losses = []
    for t in range(STEPS):
        lr = lr_at(schedule, opt_cfg['lr'], t, STEPS)
        for grp in opt.param_groups:
            grp['lr'] = lr
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(model(xs[t % 4]), ys[t % 4])
        loss.backward()
        opt.step()
        losses.append(loss.item())
        for k, v in state(model).items():
            out[f'step{t + 1}.{k}'] = v
    out['losses'] = np.array(losses, dtype=np.float32)
    name = f'traj-{family}-{method}{"-freeze" if frozen else ""}'
    meta = {'config': json.dumps(cfg), 'optimizer': json.dumps(opt_cfg), 'schedule': json.dumps(schedule),
            'freeze': json.dumps(['embed'] if frozen else []), 'steps': str(STEPS)}
    st_io.save(os.path.join(OUT, f'{name}.safetensors'), out, meta)
    return name


def main():
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    os.makedirs(OUT, exist_ok=True)
    for f in CONFIGS:
        model_fixture(f)
        print(f'model-{f}')
    for f, m, frz in TRAJECTORIES:
        print(trajectory_fixture(f, m, frz))
    with open(os.path.join(OUT, 'README.md'), 'w') as fh:
        fh.write('Generated by tools/reference/make_fixtures.py (PyTorch %s). Do not edit; rerun `npm run fixtures`.\n' % torch.__version__)


if __name__ == '__main__':
    main()
