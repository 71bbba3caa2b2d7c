"""The engine's mini-batches, exactly: which rows, in which order, augmented how, normalised how
(src/core/train/run.ts, src/data/augment.ts, src/core/train/batch.ts), in numpy.

data.py's augment() is the same augmentation drawn from a torch.Generator, for runs that only
need the engine's distribution; this module is for runs that must see the engine's very batches
(an exported project reproducing a playground run step for step).

A run draws from EngineRng(seed): fork(1) shuffles the rows at the start of every epoch,
fork(2) draws each image's crop offset and mirror, 3 numbers per image whatever the options.
"""
import numpy as np

from .engine_rng import EngineRng


def steps_per_epoch(n, batch_size):
    """Full batches only (the last partial one is dropped), at least one (stepsPerEpoch)."""
    return max(1, n // batch_size)


class EngineBatches:
    """The batch plan of one training run (one runTraining call): yields (epoch, rows) per step."""

    def __init__(self, n, batch_size, epochs, seed):
        rng = EngineRng(seed)
        self.order_rng, self.augment_rng = rng.fork(1), rng.fork(2)
        self.n, self.epochs = n, epochs
        self.batch = min(batch_size, n)
        self.per_epoch = steps_per_epoch(n, batch_size)
        self.total = self.per_epoch * epochs

    def __iter__(self):
        for epoch in range(self.epochs):
            order = np.array(self.order_rng.shuffle(list(range(self.n))), dtype=np.int64)
            for b in range(self.per_epoch):
                yield epoch, order[b * self.batch:(b + 1) * self.batch]


def augment(pixels, pad, flip, rng):
    """pixels: uint8 [B, H, W, C] (a copy of the batch's rows). A random shift by dx, dy in
    [-pad, pad] with edge-replicated borders, after a left-right mirror with probability 1/2
    where `flip` allows it (augmentBatch). Draws dx, dy, then the mirror, per image."""
    B, H, W, _ = pixels.shape
    dx, dy, mirror = np.empty(B, np.int64), np.empty(B, np.int64), np.empty(B, bool)
    for i in range(B):
        dx[i] = rng.int(2 * pad + 1) - pad
        dy[i] = rng.int(2 * pad + 1) - pad
        mirror[i] = rng.next() < 0.5 and flip
    xs = np.broadcast_to(np.arange(W), (B, W))
    xs = np.where(mirror[:, None], W - 1 - xs, xs)
    ix = np.clip(xs + dx[:, None], 0, W - 1)  # [B, W] source column of each output column
    iy = np.clip(np.arange(H)[None, :] + dy[:, None], 0, H - 1)  # [B, H]
    return pixels[np.arange(B)[:, None, None], iy[:, :, None], ix[:, None, :]]


def normalise(pixels, mean, std):
    """uint8 [B, H, W, C] -> float32 [B, C, H, W]: p / (255 std) - mean / std per channel,
    computed in float64 and rounded once, as makeBatch fills its Float32Array."""
    scale = 1.0 / (255.0 * np.asarray(std, np.float64))
    shift = np.asarray(mean, np.float64) / np.asarray(std, np.float64)
    x = (pixels.astype(np.float64) * scale - shift).astype(np.float32)
    return np.ascontiguousarray(x.transpose(0, 3, 1, 2))
