"""The PyTorch twin of the TS engine: the same three micro models with timm/torchvision
parameter names, the same optimizers, schedules, initialisers and parameter groups, and the
scripts that make the golden fixtures, the shipped checkpoints and the experiment matrix.

Layers, groups, heads, initialisers and weight-decay flags are not typed here: they are read
from specs.json, which write-specs.ts generates from the engine's parameter specs.

Run every script as a module from the repository root with Debian's python3-torch, e.g.
    /usr/bin/python3 -m tools.torch_twin.fixtures.parity        (npm run fixtures)
    /usr/bin/python3 -m pytest -q tools/torch_twin/tests        (npm run test:twin)
"""
