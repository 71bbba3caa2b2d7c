"""The parity fixtures the TS engine is tested against regenerate from the twin unchanged."""
import json
import os

import numpy as np

from ..fixtures import parity
from ..paths import FIXTURES
from .. import st_io


def test_parity_fixtures_regenerate_unchanged(tmp_path):
    names = parity.write_all(str(tmp_path))
    assert len(names) == 15 + len(parity.NEW_TRAJECTORIES)
    for name in names:
        # Trajectory recordings hold every step's tensors (807 at most): over a checkpoint's cap.
        new, new_meta = st_io.load(os.path.join(tmp_path, f'{name}.safetensors'), max_tensors=2000)
        old, old_meta = st_io.load(os.path.join(FIXTURES, 'parity', f'{name}.safetensors'), max_tensors=2000)
        assert {k: json.loads(v) if v[:1] in '[{' else v for k, v in new_meta.items()} == \
            {k: json.loads(v) if v[:1] in '[{' else v for k, v in old_meta.items()}, name
        assert list(new) == list(old), name
        for key in old:
            # Bit-identical on the machine that made them; a tolerance for other CPUs' kernels.
            np.testing.assert_allclose(new[key], old[key], rtol=1e-5, atol=1e-6, err_msg=f'{name}: {key}')
