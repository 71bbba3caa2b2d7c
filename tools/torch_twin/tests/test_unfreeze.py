"""Gradual unfreezing in the twin (optim.unfreeze_units / apply_unfreeze): the same units as the
engine's unfreeze-schedule.ts (tests/unit/core/unfreeze-schedule.test.ts lists them), the same
even intervals, and no optimizer state for a unit before it unfreezes."""
import torch
import torch.nn.functional as F

from .. import models, optim, specs


def test_units_match_the_engine():
    vit = models.build(specs.config('trajectory', 'vit'))
    units = optim.unfreeze_units(list(vit.layers))
    assert units[0] == ['norm', 'head'] and units[-1] == ['patch_embed', 'pos_embed']
    assert [u[0] for u in units[1:-1]] == [f'blocks.{i}' for i in reversed(range(len(units) - 2))]
    resnet = models.build(specs.config('trajectory', 'resnet'))
    r_units = optim.unfreeze_units(list(resnet.layers))
    assert r_units[0] == ['fc'] and r_units[-1] == ['stem']
    assert sorted(sum(r_units, [])) == sorted(resnet.layers)


def test_even_intervals():
    assert [optim.unfrozen_count(6, t, 20) for t in range(20)] == [1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 6]


def test_state_appears_when_a_unit_unfreezes():
    torch.manual_seed(0)
    cfg = specs.config('trajectory', 'vit')
    model = models.build(cfg)
    model.set_trainable([])
    trainable = {n for n, p in model.named_parameters() if p.requires_grad}
    opt = optim.make_optimizer(optim.param_groups(model, 0.0), 'sgd', 0.01, momentum=0.9)
    s = cfg['imageSize']
    x, y = torch.randn(2, cfg['channels'], s, s), torch.tensor([0, 1])
    units = len(optim.unfreeze_units(list(model.layers)))
    counts = []
    for t in range(units):  # one more unit every step
        optim.apply_unfreeze(model, trainable, t, units)
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        opt.step()
        counts.append(len(opt.state))
    heads = sum(1 for n, _ in model.named_parameters() if model.layer_of(n) in ('norm', 'head'))
    assert counts[0] == heads
    assert counts == sorted(counts) and len(set(counts)) == units and counts[-1] == len(trainable)
