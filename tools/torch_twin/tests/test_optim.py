"""The one initialiser, param-group builder and schedule behave as the engine's."""
import math

import pytest
import torch

from .. import models, optim, specs


@pytest.mark.parametrize('family', specs.families())
def test_initialise_follows_each_tensors_spec(family):
    model = models.build(specs.config('default', family))
    optim.initialise(model, torch.Generator().manual_seed(0))
    for name, p in model.named_parameters():
        init = model.tensor_spec(name).init
        if init['kind'] in ('zeros', 'ones', 'const'):
            value = {'zeros': 0.0, 'ones': 1.0}.get(init['kind'], init.get('value'))
            assert torch.all(p == torch.tensor(value, dtype=p.dtype)), name
        elif init['kind'] == 'truncNormal':
            assert p.abs().max() <= 2 * init['std'] + 1e-9, name  # truncated at 2 std
            if p.numel() >= 1000:
                assert 0.7 * init['std'] < p.std() < init['std'], name  # a 2-std truncation keeps 88% of the std
        else:
            assert init['kind'] == 'kaimingNormal'
            if p.numel() >= 1000:
                assert abs(p.std() / math.sqrt(2.0 / init['fan']) - 1) < 0.1, name


def test_initialise_is_seeded_and_a_fresh_head_touches_only_the_head():
    cfg = specs.config('fixture', 'convnext')
    a, b = models.build(cfg), models.build(cfg)
    optim.initialise(a, torch.Generator().manual_seed(1))
    optim.initialise(b, torch.Generator().manual_seed(1))
    assert all(torch.equal(x, y) for x, y in zip(a.state_dict().values(), b.state_dict().values()))
    before = {n: p.clone() for n, p in a.named_parameters()}
    optim.initialise(a, torch.Generator().manual_seed(2), groups=('head',))
    changed = {n for n, p in a.named_parameters() if not torch.equal(p, before[n])}
    assert changed == {'head.fc.weight'}  # the bias is zero again, as before


def test_param_groups_leave_frozen_out_and_split_decay_and_embed():
    model = models.build(specs.config('fixture', 'vit'))
    model.set_trainable(['embed'])
    groups = optim.param_groups(model, 0.05, embed_lr_scale=0.1)
    grouped = {id(p) for g in groups for p in g['params']}
    for name, p in model.named_parameters():
        assert (id(p) in grouped) == (not model.is_embed(name)), name
    for g in groups:
        assert g['scale'] == 1.0  # the embed group is frozen: nothing scaled remains
        for p in g['params']:
            name = next(n for n, q in model.named_parameters() if q is p)
            assert g['weight_decay'] == (0.05 if model.decays(name) else 0.0), name
    model.set_trainable([])
    scales = {g['scale'] for g in optim.param_groups(model, 0.05, embed_lr_scale=0.1)}
    assert scales == {0.1, 1.0}


def test_schedule_is_the_engines():
    assert optim.lr_at({'kind': 'constant'}, 0.1, 7, 10) == 0.1
    cosine = {'kind': 'cosine'}
    assert optim.lr_at(cosine, 0.1, 0, 10) == 0.1  # step 0 uses the base rate
    assert optim.lr_at(cosine, 0.1, 5, 10) == pytest.approx(0.05)
    assert optim.lr_at(cosine, 0.1, 10, 10) == 0.0
    assert optim.lr_at(cosine, 0.1, 12, 10) == 0.0  # held at the end
    warm = {'kind': 'warmup-cosine', 'warmupSteps': 4}
    assert [optim.lr_at(warm, 1.0, s, 14) for s in range(4)] == [0.25, 0.5, 0.75, 1.0]
    assert optim.lr_at(warm, 1.0, 4, 14) == 1.0  # the cosine starts at the base rate
    assert optim.lr_at(warm, 1.0, 9, 14) == pytest.approx(0.5)


def test_set_lr_scales_each_group():
    model = models.build(specs.config('fixture', 'resnet'))
    opt = optim.make_optimizer(optim.param_groups(model, 0.0, embed_lr_scale=0.5), 'sgd', 1.0, momentum=0.9)
    optim.set_lr(opt, 0.2)
    assert sorted({g['lr'] for g in opt.param_groups}) == [0.1, 0.2]
