"""Minimal safetensors writer and strict reader (the format is tiny; Debian's python3-torch has
no safetensors package). Matches src/core/checkpoint/safetensors.ts: the same rules, refused with
the same rule ids (src/core/checkpoint/checkpoint-error.ts), each CheckpointError naming the
file, the tensor and the rule. Self-contained: exported PyTorch projects ship this file alone."""
import json
import math
import struct

import numpy as np

_DT = {np.dtype('float32'): 'F32', np.dtype('float64'): 'F64', np.dtype('int64'): 'I64', np.dtype('int32'): 'I32'}
_NP = {v: k for k, v in _DT.items()}
_SIZE = {'F32': 4, 'F64': 8, 'I64': 8, 'I32': 4}

# 1 MiB of header (ours are ~5 KB), and twice the largest engine architecture's tensor count
# (defaultMaxTensors() in safetensors.ts; tests/test_st_io_strict.py checks the two agree).
MAX_HEADER_BYTES = 1 << 20
MAX_TENSORS = 112
_SAFE = 2 ** 53 - 1


class CheckpointError(ValueError):
    def __init__(self, file, tensor, rule, detail):
        at = file if tensor is None else f'{file}, tensor "{tensor}"'
        super().__init__(f'{at}: {detail} (rule {rule})')
        self.file, self.tensor, self.rule = file, tensor, rule


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


def load(path, file=None, **limits):
    with open(path, 'rb') as f:
        return loads(f.read(), file or path, **limits)


def _count(v):
    """A non-negative safe integer (JSON's 4.0 is JavaScript's 4), else None; bools are not counts."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    if isinstance(v, float) and not v.is_integer():
        return None
    return int(v) if 0 <= v <= _SAFE else None


def _header(data, file, max_header_bytes, max_tensors):
    if len(data) < 8:
        raise CheckpointError(file, None, 'file-size', f'the file has {len(data)} bytes: too short to be a safetensors file')
    (n,) = struct.unpack('<Q', data[:8])
    if n > max_header_bytes:
        raise CheckpointError(file, None, 'header-size', f'the header says it has {n} bytes, over the cap of {max_header_bytes}')
    if n < 1 or 8 + n > len(data):
        raise CheckpointError(file, None, 'header-size', f'the header says it has {n} bytes but the file has {len(data) - 8} after the length')

    def no_constants(c):
        raise ValueError(f'{c} is not JSON')
    try:
        header = json.loads(data[8:8 + n].decode('utf-8'), parse_constant=no_constants)
    except (UnicodeDecodeError, ValueError) as e:
        raise CheckpointError(file, None, 'header-json', f'the header is unreadable: {e}') from None
    if not isinstance(header, dict):
        raise CheckpointError(file, None, 'header-json', f'the header is {type(header).__name__}, not a JSON object')
    count = len(header) - ('__metadata__' in header)
    if count > max_tensors:
        raise CheckpointError(file, None, 'tensor-count', f'the header lists {count} tensors, over the cap of {max_tensors}')
    meta = header.pop('__metadata__', {})
    if not isinstance(meta, dict) or not all(isinstance(v, str) for v in meta.values()):
        raise CheckpointError(file, None, 'metadata', f'__metadata__ is not a map of strings: {meta!r:.80}')
    return header, meta, 8 + n


def _entry(file, name, e, data_len):
    if not isinstance(e, dict):
        raise CheckpointError(file, name, 'entry', f'the entry is {type(e).__name__}, not an object')
    dtype, shape, offsets = e.get('dtype'), e.get('shape'), e.get('data_offsets')
    if not isinstance(dtype, str) or dtype not in _SIZE:
        raise CheckpointError(file, name, 'dtype', f'dtype {dtype!r} is not one this reader converts')
    if not isinstance(offsets, list) or len(offsets) != 2 or any(_count(o) is None for o in offsets):
        raise CheckpointError(file, name, 'offsets', f'data_offsets {offsets!r} are not two non-negative integers')
    begin, end = [_count(o) for o in offsets]
    if begin > end:
        raise CheckpointError(file, name, 'offsets', f'data_offsets [{begin}, {end}] begin after they end')
    if not isinstance(shape, list) or any(_count(d) is None for d in shape):
        raise CheckpointError(file, name, 'shape', f'shape {shape!r} is not a list of non-negative integers')
    shape = [_count(d) for d in shape]
    want = math.prod(shape) * _SIZE[dtype]
    if end - begin != want:
        raise CheckpointError(file, name, 'size', f'data_offsets [{begin}, {end}] hold {end - begin} bytes, shape {shape} {dtype} needs {want}')
    if end > data_len:
        raise CheckpointError(file, name, 'layout', f'ends at data byte {end}, but the file has {data_len} data bytes: truncated')
    return name, dtype, shape, begin, end


def _layout(file, entries, data_len):
    """Sorted by offset, the tensors tile the data section: no overlap, gap or trailing bytes."""
    at, prev = 0, None
    for e in sorted(entries, key=lambda e: (e[3], e[4])):
        if e[3] < at:
            raise CheckpointError(file, e[0], 'layout', f'bytes [{e[3]}, {e[4]}) overlap tensor "{prev[0]}" at [{prev[3]}, {prev[4]})')
        if e[3] > at:
            raise CheckpointError(file, e[0], 'layout', f'starts at data byte {e[3]}, leaving bytes [{at}, {e[3]}) that no tensor owns')
        at, prev = e[4], e
    if at != data_len:
        raise CheckpointError(file, prev[0] if prev else None, 'layout', f'the tensors end at data byte {at}, the file has {data_len} data bytes')


def loads(data, file='checkpoint', max_header_bytes=MAX_HEADER_BYTES, max_tensors=MAX_TENSORS):
    """The strict reader: (tensors in header order, metadata), or a CheckpointError."""
    header, meta, start = _header(data, file, max_header_bytes, max_tensors)
    entries = [_entry(file, name, e, len(data) - start) for name, e in header.items()]
    _layout(file, entries, len(data) - start)
    out = {}
    for name, dtype, shape, begin, end in entries:
        arr = np.frombuffer(data[start + begin:start + end], dtype=_NP[dtype]).reshape(shape).copy()
        if dtype in ('F32', 'F64') and not np.isfinite(arr).all():
            bad = int((~np.isfinite(arr)).sum())
            raise CheckpointError(file, name, 'finite', f'{bad} of {arr.size} values are NaN or Inf')
        out[name] = arr
    return out, meta


def check_roles(tensors, file='checkpoint'):
    """Dtypes by role, as the engine's spec check: float weights F32/F64, counters
    (num_batches_tracked) I64/I32 and non-negative."""
    for name, arr in tensors.items():
        counter = name.endswith('num_batches_tracked')
        allowed = ('I64', 'I32') if counter else ('F32', 'F64')
        if _DT.get(arr.dtype) not in allowed:
            role = 'an integer counter' if counter else 'a float weight'
            raise CheckpointError(file, name, 'dtype-role', f'{name} is {_DT.get(arr.dtype, arr.dtype)}, where {role} ({" or ".join(allowed)}) is expected')
        if counter and (arr < 0).any():
            raise CheckpointError(file, name, 'counter', f'{name} counts {arr.min()}')
    return tensors
