"""The engine's seeded generator (src/core/rng.ts) in Python, bit for bit.

Why a port and not torch.Generator: the engine draws a run's batch order and augmentation from
this generator, so a PyTorch run that must see the same batches as the TS engine (an exported
project, tests/unit/project) has to draw the same numbers. The arithmetic is 32-bit integer
only (Math.imul, shifts, xor) plus one division by 2**32, so Python's ints masked to 32 bits
and its IEEE doubles give exactly the engine's values. Only what batches need is ported (next,
int, shuffle, fork); the engine's initialisers (normal draws) are not, since exported starting
weights are files.
"""

M32 = 0xFFFFFFFF


def _imul(a, b):
    """Math.imul on uint32 representations: the low 32 bits of the product."""
    return (a * b) & M32


def _mix32(x):
    z = (x + 0x9E3779B9) & M32
    z = _imul(z ^ (z >> 16), 0x85EBCA6B)
    z = _imul(z ^ (z >> 13), 0xC2B2AE35)
    return (z ^ (z >> 16)) & M32


class EngineRng:
    """SplitMix32-style seed mixing + Mulberry32 stepping, as the engine's Rng class."""

    def __init__(self, seed):
        self.state = _mix32(int(seed) & M32) or 0x9E3779B9

    def next(self):
        """Uniform in [0, 1)."""
        self.state = (self.state + 0x6D2B79F5) & M32
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296

    def int(self, n):
        """Integer in [0, n): floor(next() * n), the same double product as JavaScript's."""
        return int(self.next() * n)

    def shuffle(self, a):
        """Fisher-Yates in place, from the last element down; returns the same list."""
        for i in range(len(a) - 1, 0, -1):
            j = self.int(i + 1)
            a[i], a[j] = a[j], a[i]
        return a

    def fork(self, tag):
        """An independent child stream (the parent's state is not advanced)."""
        return EngineRng(_mix32((self.state ^ _imul(tag + 1, 0x85EBCA6B)) & M32))
