"""The engine's training arithmetic in torch: its initialisers (ParamSpec.init), its parameter
groups (weight decay, freezing, per-group learning-rate scale), torch.optim's SGD and AdamW
and LAMB / LARS from their papers (src/core/optim matches them step for step) and its learning-rate schedule
(src/core/optim/schedule.ts). One of each, shared by fixtures, pretraining and fine-tuning."""
import math
import re

import torch


def _trunc_normal(shape, std, g):
    """std * N(0, 1) truncated at 2 std by redrawing the values beyond it."""
    t = torch.randn(shape, generator=g)
    while True:
        bad = t.abs() > 2
        if not bad.any():
            break
        t[bad] = torch.randn(int(bad.sum()), generator=g)
    return std * t


def _initial_value(init, p, g):
    kind = init['kind']
    if kind == 'zeros':
        return torch.zeros_like(p)
    if kind == 'ones':
        return torch.ones_like(p)
    if kind == 'const':
        return torch.full_like(p, init['value'])
    if kind == 'truncNormal':
        return _trunc_normal(p.shape, init['std'], g)
    if kind == 'kaimingNormal':  # fan_out, ReLU gain: torchvision's ResNet convs
        return torch.randn(p.shape, generator=g) * math.sqrt(2.0 / init['fan'])
    raise ValueError(f'unknown initialiser {init}')


@torch.no_grad()
def initialise(model, g, groups=None):
    """Sets parameters as the engine initialises them, drawing from generator `g` in parameter
    order. groups: only parameters of these groups (('head',) gives a task its fresh head).
    Buffers keep torch's defaults, which are the engine's (BatchNorm mean 0, variance 1)."""
    for name, p in model.named_parameters():
        spec = model.tensor_spec(name)
        if groups is None or spec.group in groups:
            p.copy_(_initial_value(spec.init, p, g))


def param_groups(model, weight_decay, embed_lr_scale=1.0):
    """torch param groups, (decay | no decay) x (embed | rest), in order of first appearance.
    Parameters with requires_grad False (frozen) are left out, so they get no optimizer state.
    Each group's `scale` multiplies the scheduled learning rate (the engine's lrScale)."""
    groups = {}
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        decay, embed = model.decays(name), model.is_embed(name)
        g = groups.setdefault((decay, embed), {'params': [], 'weight_decay': weight_decay if decay else 0.0,
                                               'scale': embed_lr_scale if embed else 1.0})
        g['params'].append(p)
    return list(groups.values())


def block_of(layer):
    """A layer's block or stage ('blocks.3', 'layer2', 'stages.1'), or None (blockOf in
    src/spec/unfreeze-schedule.ts)."""
    m = re.match(r'^(blocks\.\d+|layer\d+|stages\.\d+)(\.|$)', layer)
    return m.group(1) if m else None


def unfreeze_units(layers):
    """Gradual unfreezing's units, head first (unfreezeUnits in unfreeze-schedule.ts): the layers
    after the last block (final norm + head), each block or stage from the last, then the layers
    before the first block (the embedding)."""
    idx = [i for i, layer in enumerate(layers) if block_of(layer) is not None]
    if not idx:
        return [list(reversed(layers))]
    first, last = idx[0], idx[-1]
    blocks = {}
    for layer in layers[first:last + 1]:
        blocks.setdefault(block_of(layer) or f'between {layer}', []).append(layer)
    units = [list(layers[last + 1:])] + list(reversed(list(blocks.values()))) + [list(layers[:first])]
    return [u for u in units if u]


def unfrozen_count(units, step, total):
    """Units trained at 0-based step of total: min(K, floor(t K / T) + 1) (unfrozenCount)."""
    if units <= 0:
        return 0
    t = max(0, min(step, total))
    return min(units, (t * units) // max(1, total) + 1)


def apply_unfreeze(model, trainable, step, total):
    """requires_grad at this step: the parameters in `trainable` (names the run trains at all)
    whose unit has unfrozen. A frozen parameter gets grad None, so torch.optim makes no state for
    it until its first gradient, as the engine."""
    units = unfreeze_units(list(model.layers))
    frozen = {layer for u in units[unfrozen_count(len(units), step, total):] for layer in u}
    for name, p in model.named_parameters():
        p.requires_grad_(name in trainable and model.layer_of(name) not in frozen)


def _trust(ratio, w_norm, u_norm):
    """ratio where both norms are positive, else 1 (timm's torch.where guard)."""
    one = torch.ones_like(ratio)
    return torch.where(w_norm > 0, torch.where(u_norm > 0, ratio, one), one)


class Lamb(torch.optim.Optimizer):
    """LAMB (You et al. 2019) as timm.optim.Lamb with bias correction, no grad clipping and no
    trust clipping: Adam's bias-corrected step, plus wd * p, scaled by ||p|| / ||update||.
    Groups with weight_decay 0 (biases, norms) get no trust ratio, as in timm. Engine: lamb.ts."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-6):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=0.0))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            b1, b2 = group['betas']
            wd = group['weight_decay']
            for p in group['params']:
                if p.grad is None:
                    continue
                st = self.state[p]
                if not st:
                    st['step'], st['exp_avg'], st['exp_avg_sq'] = 0, torch.zeros_like(p), torch.zeros_like(p)
                st['step'] += 1
                t = st['step']
                st['exp_avg'].mul_(b1).add_(p.grad, alpha=1 - b1)
                st['exp_avg_sq'].mul_(b2).addcmul_(p.grad, p.grad, value=1 - b2)
                denom = (st['exp_avg_sq'].sqrt() / math.sqrt(1 - b2 ** t)).add_(group['eps'])
                update = (st['exp_avg'] / (1 - b1 ** t)).div_(denom)
                if wd != 0:
                    update.add_(p, alpha=wd)
                    w_norm, u_norm = p.norm(2.0), update.norm(2.0)
                    update.mul_(_trust(w_norm / u_norm, w_norm, u_norm))
                p.add_(update, alpha=-group['lr'])


class Lars(torch.optim.Optimizer):
    """LARS (You et al. 2017) as timm.optim.Lars without trust clipping, dampening or Nesterov:
    g <- eta ||p|| / (||g|| + wd ||p|| + eps) * (g + wd p), then torch SGD's momentum
    (buffer = g on the first step). Groups with weight_decay 0 get no trust ratio, as in timm.
    Engine: lars.ts."""

    def __init__(self, params, lr=1.0, momentum=0.9, trust_coeff=1e-3, eps=1e-8):
        super().__init__(params, dict(lr=lr, momentum=momentum, trust_coeff=trust_coeff, eps=eps, weight_decay=0.0))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            wd, mom = group['weight_decay'], group['momentum']
            for p in group['params']:
                if p.grad is None:
                    continue
                g = p.grad.clone()
                if wd != 0:
                    w_norm, g_norm = p.norm(2.0), g.norm(2.0)
                    ratio = group['trust_coeff'] * w_norm / (g_norm + w_norm * wd + group['eps'])
                    g.add_(p, alpha=wd).mul_(_trust(ratio, w_norm, g_norm))
                if mom != 0:
                    st = self.state[p]
                    if 'momentum_buffer' not in st:
                        st['momentum_buffer'] = g.clone()
                    else:
                        st['momentum_buffer'].mul_(mom).add_(g)
                    g = st['momentum_buffer']
                p.add_(g, alpha=-group['lr'])


def make_optimizer(groups, kind, lr, momentum=0.0, nesterov=False, betas=(0.9, 0.999), eps=1e-8, trust_coeff=1e-3):
    """torch.optim.SGD (no dampening) or AdamW, or our LAMB / LARS; weight decay comes from the
    groups."""
    if kind == 'adamw':
        return torch.optim.AdamW(groups, lr=lr, betas=tuple(betas), eps=eps)
    if kind == 'lamb':
        return Lamb(groups, lr=lr, betas=tuple(betas), eps=eps)
    if kind == 'lars':
        return Lars(groups, lr=lr, momentum=momentum, trust_coeff=trust_coeff, eps=eps)
    if kind == 'sgd':
        return torch.optim.SGD(groups, lr=lr, momentum=momentum, nesterov=nesterov, dampening=0)
    raise ValueError(f'unknown optimizer {kind}')


def lr_at(schedule, base, step, total):
    """The rate at 0-based `step` of `total` (lrAt in schedule.ts). schedule: {'kind': 'constant'}
    | {'kind': 'cosine'} | {'kind': 'warmup-cosine', 'warmupSteps': w}. Cosine is torch's
    CosineAnnealingLR(T_max=total, eta_min=0) stepped per optimizer step: step 0 uses base."""
    def cosine(t, T):
        t = min(t, T)
        return base * (1 + math.cos(math.pi * t / max(1, T))) / 2
    kind = schedule['kind']
    if kind == 'constant':
        return base
    if kind == 'cosine':
        return cosine(step, total)
    if kind == 'warmup-cosine':
        w = max(0, int(schedule['warmupSteps']))
        return base * (step + 1) / w if step < w else cosine(step - w, max(1, total - w))
    raise ValueError(f'unknown schedule {schedule}')


def set_lr(opt, lr):
    """The scheduled rate on every group, times the group's scale."""
    for group in opt.param_groups:
        group['lr'] = lr * group.get('scale', 1.0)
