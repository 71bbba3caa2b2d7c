"""Reading the sets that tools/pretrain/export-pool.ts writes to .cache/, the engine's input
normalisation, and the engine's augmentation (src/data/augment.ts) as batched torch ops.

Not a copy of the engine: the same definitions, written for PyTorch.
"""
import hashlib
import json
import os

import numpy as np
import torch

from .paths import CACHE

SIZE = 28


def load_sets(base, check_sha=True):
    """base: path without extension. Returns (header, {split: (pixels uint8 [n,28,28,3], labels int64 [n], groups int64 [n])})."""
    with open(base + '.json') as f:
        header = json.load(f)
    with open(base + '.bin', 'rb') as f:
        raw = f.read()
    if check_sha and hashlib.sha256(raw).hexdigest() != header['sha256']:
        raise ValueError(f'{base}.bin does not match the sha256 in its header: re-run `npx tsx tools/pretrain/export-pool.ts`')
    buf = np.frombuffer(raw, dtype=np.uint8)
    out = {}
    for s in header['splits']:
        n = s['n']
        px = buf[s['pixelsOffset']:s['pixelsOffset'] + n * SIZE * SIZE * 3].reshape(n, SIZE, SIZE, 3)
        lab = buf[s['labelsOffset']:s['labelsOffset'] + n].astype(np.int64)
        grp = buf[s['groupsOffset']:s['groupsOffset'] + n].astype(np.int64)
        out[s['name']] = (torch.from_numpy(px.copy()), torch.from_numpy(lab), torch.from_numpy(grp))
    return header, out


def pool_path(seed):
    return os.path.join(CACHE, f'pretrain-pool-{seed}')


def bench_path(name, seed=0):
    return os.path.join(CACHE, f'bench-{name}-{seed}')


def normalise(pixels_nhwc):
    """uint8 [B, H, W, C] -> float32 [B, C, H, W], x = (p/255 - 0.5)/0.5 per channel (as the engine)."""
    x = pixels_nhwc.permute(0, 3, 1, 2).float()
    return (x / 255.0 - 0.5) / 0.5


def augment(pixels_nhwc, pad, flip_mask, g):
    """The engine's augmentation (src/data/augment.ts), batched: a random shift by dx, dy in
    [-pad, pad] with edge-replicated borders (source coordinates clamped), after an optional
    left-right mirror. flip_mask: bool [B] (True where a mirror is allowed; each allowed image
    is mirrored with probability 1/2). g: torch.Generator. Returns uint8 [B, H, W, C]."""
    B, H, W, _ = pixels_nhwc.shape
    dx = torch.randint(-pad, pad + 1, (B,), generator=g)
    dy = torch.randint(-pad, pad + 1, (B,), generator=g)
    flip = (torch.rand(B, generator=g) < 0.5) & flip_mask
    xs = torch.arange(W).expand(B, W)
    xs = torch.where(flip[:, None], W - 1 - xs, xs)
    ix = (xs + dx[:, None]).clamp(0, W - 1)  # [B, W]
    iy = (torch.arange(H)[None, :] + dy[:, None]).clamp(0, H - 1)  # [B, H]
    b = torch.arange(B)[:, None, None]
    return pixels_nhwc[b, iy[:, :, None], ix[:, None, :]]
