"""The twin's LAMB and LARS (optim.py) against steps computed by hand from the papers' formulas,
including the exclusions: a group without weight decay gets no trust ratio."""
import math

import pytest
import torch

from .. import optim


def _param(values, grad):
    p = torch.nn.Parameter(torch.tensor(values, dtype=torch.float64))
    p.grad = torch.tensor(grad, dtype=torch.float64)
    return p


def test_lars_first_and_second_step_by_hand():
    p = _param([3.0, 4.0], [0.0, 2.0])  # ||w|| = 5, ||g|| = 2
    opt = optim.Lars([{'params': [p], 'weight_decay': 0.5}], lr=1.0, momentum=0.9, trust_coeff=0.1, eps=0.0)
    opt.step()
    r1 = 0.1 * 5 / (2 + 0.5 * 5)  # 1/9
    buf = [r1 * (0 + 0.5 * 3), r1 * (2 + 0.5 * 4)]  # first step: buffer = scaled gradient
    w = [3 - buf[0], 4 - buf[1]]
    assert p.detach().tolist() == pytest.approx(w, rel=1e-12)
    p.grad = torch.tensor([1.0, 0.0], dtype=torch.float64)
    opt.step()
    wn = math.hypot(*w)
    r2 = 0.1 * wn / (1 + 0.5 * wn)
    g2 = [r2 * (1 + 0.5 * w[0]), r2 * (0 + 0.5 * w[1])]
    buf = [0.9 * buf[0] + g2[0], 0.9 * buf[1] + g2[1]]
    assert p.detach().tolist() == pytest.approx([w[0] - buf[0], w[1] - buf[1]], rel=1e-12)


def test_lamb_first_and_second_step_by_hand():
    p = _param([3.0, 4.0], [1.0, -1.0])
    b1, b2, lr, wd = 0.9, 0.999, 0.1, 0.5
    opt = optim.Lamb([{'params': [p], 'weight_decay': wd}], lr=lr, betas=(b1, b2), eps=0.0)
    opt.step()
    u = [1 + wd * 3, -1 + wd * 4]  # bias-corrected m / sqrt(v) = sign(g) on the first step
    r = 5 / math.hypot(*u)
    w = [3 - lr * r * u[0], 4 - lr * r * u[1]]
    assert p.detach().tolist() == pytest.approx(w, rel=1e-12)
    g1, g2 = [1.0, -1.0], [2.0, 0.5]
    p.grad = torch.tensor(g2, dtype=torch.float64)
    opt.step()
    m = [b1 * (1 - b1) * a + (1 - b1) * b for a, b in zip(g1, g2)]
    v = [b2 * (1 - b2) * a * a + (1 - b2) * b * b for a, b in zip(g1, g2)]
    u = [(mi / (1 - b1 ** 2)) / math.sqrt(vi / (1 - b2 ** 2)) + wd * wi for mi, vi, wi in zip(m, v, w)]
    r = math.hypot(*w) / math.hypot(*u)
    assert p.detach().tolist() == pytest.approx([wi - lr * r * ui for wi, ui in zip(w, u)], rel=1e-12)


@pytest.mark.parametrize('kind', ['lamb', 'lars'])
def test_no_decay_group_gets_no_trust_ratio(kind):
    """Biases and norms (weight_decay 0): LAMB is Adam, LARS is momentum SGD (timm's rule)."""
    p = _param([3.0, 4.0], [1.0, 2.0])
    opt = optim.make_optimizer([{'params': [p], 'weight_decay': 0.0}], kind, 0.1, momentum=0.9, eps=0.0)
    opt.step()
    step = [1.0, 1.0] if kind == 'lamb' else [1.0, 2.0]  # Adam's first step is sign(g); SGD's is g
    assert p.detach().tolist() == pytest.approx([3.0 - 0.1 * step[0], 4.0 - 0.1 * step[1]], rel=1e-12)


def test_zero_weights_or_zero_update_use_ratio_one():
    p = _param([0.0, 0.0], [1.0, 1.0])
    optim.Lars([{'params': [p], 'weight_decay': 0.1}], lr=1.0, momentum=0.0, trust_coeff=0.1).step()
    assert p.detach().tolist() == pytest.approx([-1.0, -1.0])
