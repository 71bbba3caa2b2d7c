"""The shipped checkpoints (public/models): safetensors in PyTorch layout, listed in
manifest.json. Loading one whole, loading its body under a fresh head for a task (the engine's
fine-tuning start), and writing one."""
import hashlib
import json
import os

import numpy as np
import torch

from . import models, optim, st_io
from .paths import MANIFEST, MODELS_DIR


def read_manifest():
    with open(MANIFEST) as f:
        return json.load(f)


def _state_dict(entry, models_dir=MODELS_DIR):
    """The checkpoint's tensors, refused (st_io.CheckpointError) unless the file has the
    manifest's SHA-256 and keeps every rule of the strict reader."""
    with open(os.path.join(models_dir, entry['file']), 'rb') as f:
        data = f.read()
    got = hashlib.sha256(data).hexdigest()
    if entry.get('sha256') and got != entry['sha256']:
        raise st_io.CheckpointError(entry['file'], None, 'sha256', f'the file is damaged: its SHA-256 is {got}, manifest.json lists {entry["sha256"]}')
    sd, _ = st_io.loads(data, entry['file'])
    return {k: torch.from_numpy(v) for k, v in st_io.check_roles(sd, entry['file']).items()}


def load_pretrained(entry):
    """The checkpoint as pretrained: its config (20 classes), every tensor."""
    model = models.build(entry['config'])
    model.load_state_dict(_state_dict(entry), strict=True)
    return model


def load_for_task(entry, num_classes, head_seed):
    """The checkpoint's body + a fresh head for `num_classes` classes, initialised as the engine
    does (truncated normal std 0.02, zero bias) from a generator seeded with `head_seed`."""
    model = models.build(dict(entry['config'], numClasses=num_classes))
    heads = set(model.head_names())
    body = {k: v for k, v in _state_dict(entry).items() if k not in heads}
    missing, unexpected = model.load_state_dict(body, strict=False)
    if set(missing) != heads or unexpected:
        raise ValueError(f'{entry["name"]}: missing {missing}, unexpected {unexpected}')
    optim.initialise(model, torch.Generator().manual_seed(head_seed), groups=('head',))
    return model


def save_checkpoint(model, name, path):
    """The state dict, BatchNorm buffers included (num_batches_tracked as int64, the rest
    float32); metadata: the config in the engine's JSON form."""
    sd = {}
    for k, v in model.state_dict().items():
        a = v.detach().cpu().numpy()
        sd[k] = a.astype(np.int64) if k.endswith('num_batches_tracked') else a.astype(np.float32)
    st_io.save(path, sd, metadata={'config': json.dumps(model.cfg), 'name': name, 'format': 'pt'})
