"""Speed, not semantics: Debian's python3-torch links the reference BLAS (BLAS_INFO=generic),
whose single-threaded GEMM made nn.Linear ~12x slower than the same product run as a 1x1
convolution through oneDNN (MKL-DNN), which torch uses for convolutions. `fast_linear()`
routes torch.nn.functional.linear through that convolution while training. Same function
(float rounding aside, ~1e-6 relative); the parity fixtures are made WITHOUT it, with plain
nn.Linear, so the shipped checkpoints are checked against the unpatched models."""
import contextlib

import torch
import torch.nn.functional as F

_plain_linear = F.linear


def _conv_linear(x, weight, bias=None):
    k = x.shape[-1]
    out = F.conv2d(x.reshape(-1, k, 1, 1), weight[:, :, None, None], bias)  # [M, O, 1, 1]
    return out.reshape(*x.shape[:-1], weight.shape[0])


@contextlib.contextmanager
def fast_linear(enabled=True):
    if not enabled or not torch.backends.mkldnn.is_available():
        yield
        return
    F.linear = _conv_linear
    try:
        yield
    finally:
        F.linear = _plain_linear
