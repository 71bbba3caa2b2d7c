"""Minimal safetensors writer/reader (the format is tiny; Debian's python3-torch has no
safetensors package). Matches src/core/checkpoint/safetensors.ts."""
import json
import struct

import numpy as np

_DT = {np.dtype('float32'): 'F32', np.dtype('float64'): 'F64', np.dtype('int64'): 'I64', np.dtype('int32'): 'I32'}
_NP = {v: k for k, v in _DT.items()}


def save(path, tensors, metadata=None):
    """tensors: dict name -> numpy array (written in insertion order)."""
    header = {}
    if metadata:
        header['__metadata__'] = {k: str(v) for k, v in metadata.items()}
    blobs, off = [], 0
    for name, arr in tensors.items():
        arr = np.require(arr, requirements='C')  # keeps 0-d scalars 0-d (ascontiguousarray would not)
        if arr.dtype not in _DT:
            raise ValueError(f'{name}: unsupported dtype {arr.dtype}')
        b = arr.tobytes()
        header[name] = {'dtype': _DT[arr.dtype], 'shape': list(arr.shape), 'data_offsets': [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    h = json.dumps(header, separators=(',', ':'))
    h += ' ' * ((8 - (8 + len(h.encode())) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h.encode())))
        f.write(h.encode())
        for b in blobs:
            f.write(b)


def load(path):
    with open(path, 'rb') as f:
        data = f.read()
    (n,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + n])
    meta = header.pop('__metadata__', {})
    out = {}
    for name, e in header.items():
        b, end = e['data_offsets']
        out[name] = np.frombuffer(data[8 + n + b:8 + n + end], dtype=_NP[e['dtype']]).reshape(e['shape']).copy()
    return out, meta
