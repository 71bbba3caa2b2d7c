"""The small pieces: safetensors I/O, the speed-only linear, the engine's input ops."""
import numpy as np
import torch
import torch.nn.functional as F

from .. import data, fast_ops, st_io


def test_safetensors_round_trip_keeps_order_dtypes_and_scalars(tmp_path):
    tensors = {'b': np.arange(6, dtype=np.float32).reshape(2, 3), 'a': np.array(3, dtype=np.int64), 'c': np.zeros(0, dtype=np.float64)}
    path = str(tmp_path / 't.safetensors')
    st_io.save(path, tensors, {'config': {'x': 1}})
    back, meta = st_io.load(path)
    assert list(back) == ['b', 'a', 'c'] and meta == {'config': "{'x': 1}"}
    for k, v in tensors.items():
        assert back[k].dtype == v.dtype and back[k].shape == v.shape and np.array_equal(back[k], v)
    with open(path, 'rb') as f:
        assert (8 + int.from_bytes(f.read(8), 'little')) % 8 == 0  # the header pads to 8 bytes


def test_fast_linear_is_the_same_function_and_restores_it():
    g = torch.Generator().manual_seed(0)
    x, w, b = torch.randn(5, 7, 16, generator=g), torch.randn(12, 16, generator=g), torch.randn(12, generator=g)
    plain = F.linear(x, w, b)
    with fast_ops.fast_linear():
        fast = F.linear(x, w, b)
    assert F.linear is fast_ops._plain_linear
    assert torch.allclose(fast, plain, rtol=1e-5, atol=1e-5)


def test_normalise_and_augment_are_the_engines():
    px = torch.randint(0, 256, (3, 28, 28, 3), dtype=torch.uint8, generator=torch.Generator().manual_seed(0))
    x = data.normalise(px)
    assert x.shape == (3, 3, 28, 28)
    assert torch.allclose(x, (px.permute(0, 3, 1, 2).float() / 255 - 0.5) / 0.5)
    g = torch.Generator().manual_seed(0)
    assert torch.equal(data.augment(px, 0, torch.zeros(3, dtype=torch.bool), g), px)  # no shift, no mirror
    shifted = data.augment(px, 2, torch.zeros(3, dtype=torch.bool), g)
    assert shifted.shape == px.shape and shifted.dtype == torch.uint8
