"""The twin's strict safetensors reader refuses the same hostile files as the engine's
(tests/fixtures/safetensors/bad-cases.json, built here as tests/helpers/safetensors-cases.ts
builds them), under the same rule ids; shipped checkpoints are checked against their SHA-256."""
import json
import os
import struct
import time

import numpy as np
import pytest

from .. import checkpoint, st_io
from ..paths import FIXTURES, ROOT

with open(os.path.join(FIXTURES, 'safetensors', 'bad-cases.json')) as f:
    CASES = json.load(f)
FILE = 'case.safetensors'
_NP = {'F32': np.float32, 'F64': np.float64, 'I64': np.int64, 'I32': np.int32}
_FILL = {'nan': np.nan, 'inf': np.inf, '-inf': -np.inf}


def build(c):
    """The bytes of one case: the base file changed as the case says."""
    header, blobs, off = {'__metadata__': CASES['base']['metadata']}, [], 0
    for t in CASES['base']['tensors']:
        re = c.get('retype') if c.get('retype', {}).get('tensor') == t['name'] else None
        dtype = re['dtype'] if re else t['dtype']
        values = re.get('values', t['values']) if re else t['values']
        if c.get('fill', {}).get('tensor') == t['name']:
            values = [_FILL[c['fill']['value']]] * len(t['values'])
        b = np.array(values, dtype=_NP[dtype]).tobytes()
        header[t['name']] = {'dtype': dtype, 'shape': t['shape'], 'data_offsets': [off, off + len(b)]}
        if c.get('edit', {}).get('tensor') == t['name']:
            header[t['name']].update({k: v for k, v in c['edit'].items() if k != 'tensor'})
        blobs.append(b)
        off += len(b)
    header.update(c.get('header_set', {}))
    text = json.dumps(c['header'] if 'header' in c else header, separators=(',', ':'))
    if 'header_text' in c:
        text = text[:c['header_text']]
    h = text.encode()
    out = struct.pack('<Q', c.get('length', len(h))) + h + b''.join(blobs) + bytes(c.get('append', 0))
    out = out[:len(out) - c.get('truncate', 0)]
    return out[:c['keep']] if 'keep' in c else out


def load(data):
    tensors, _ = st_io.loads(data, FILE)
    return st_io.check_roles(tensors, FILE)


def test_the_base_file_loads():
    t = load(build({}))
    assert t['w'].tolist() == [[1, 2], [3, 4]] and int(t['bn.num_batches_tracked']) == 3


@pytest.mark.parametrize('case', CASES['cases'], ids=[c['name'] for c in CASES['cases']])
def test_refuses_each_bad_case_under_its_rule(case):
    with pytest.raises(st_io.CheckpointError) as err:
        load(build(case))
    e = err.value
    assert e.rule == case['rule'] and e.file == FILE and FILE in str(e) and f'rule {case["rule"]}' in str(e)
    if 'tensor' in case:
        assert e.tensor == case['tensor'] and f'"{case["tensor"]}"' in str(e)


def test_a_million_tiny_tensors_are_refused_at_once():
    n = 1_000_000
    h = ('{' + ','.join(f'"t{i}":{{"dtype":"F32","shape":[1],"data_offsets":[{4 * i},{4 * i + 4}]}}' for i in range(n)) + '}').encode()
    data = struct.pack('<Q', len(h)) + h + bytes(4 * n)
    t0 = time.perf_counter()
    with pytest.raises(st_io.CheckpointError) as err:
        st_io.loads(data, FILE)
    assert err.value.rule == 'header-size' and time.perf_counter() - t0 < 1.0


def test_the_tensor_cap_is_twice_the_largest_default_architecture():
    with open(os.path.join(ROOT, 'tools', 'torch_twin', 'specs.json')) as f:
        specs = json.load(f)
    defaults = list(specs['configs']['default'].values())
    counts = [len(m['params']) for m in specs['models'] if m['config'] in defaults]
    assert len(counts) == 3 and st_io.MAX_TENSORS == 2 * max(counts)


def test_shipped_checkpoints_load_and_a_damaged_one_is_named(tmp_path):
    entries = checkpoint.read_manifest()['models']
    for entry in entries:
        assert len(checkpoint._state_dict(entry)) > 0
    entry = entries[0]
    with open(os.path.join(ROOT, 'public', 'models', entry['file']), 'rb') as f:
        data = bytearray(f.read())
    data[-1] ^= 1
    (tmp_path / entry['file']).write_bytes(bytes(data))
    with pytest.raises(st_io.CheckpointError) as err:
        checkpoint._state_dict(entry, str(tmp_path))
    assert err.value.rule == 'sha256' and str(err.value).startswith(f'{entry["file"]}: the file is damaged')
