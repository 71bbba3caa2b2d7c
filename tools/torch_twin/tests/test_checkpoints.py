"""The shipped checkpoints (public/models) load into the twin's models and give the logits,
fresh heads and gradient norms recorded in tests/fixtures/checkpoints, which the twin made
before it became a package: the refactor changed no number."""
import os

import pytest
import torch

from .. import checkpoint, metrics, st_io
from ..paths import FIXTURES
from ..pretrain.grad_ratios import batch_layer_norms
from ..pretrain.manifest import count_params

MANIFEST = checkpoint.read_manifest()
ENTRIES = MANIFEST['models']
FIXTURE_DIR = os.path.join(FIXTURES, 'checkpoints')


def fixture(name):
    return st_io.load(os.path.join(FIXTURE_DIR, f'{name}.safetensors'))[0]


def close(actual, expected, tol):
    expected = torch.as_tensor(expected)
    assert actual.shape == expected.shape
    assert torch.allclose(actual.float(), expected.float(), rtol=tol, atol=tol), float((actual - expected).abs().max())


@pytest.mark.parametrize('entry', ENTRIES, ids=lambda e: e['name'])
def test_checkpoint_gives_the_recorded_logits(entry):
    x = torch.from_numpy(fixture('inputs')['input'])
    fx = fixture(entry['name'])
    model = checkpoint.load_pretrained(entry)
    with torch.no_grad():
        model.eval()
        close(model(x), fx['eval_logits'], 1e-5)
        model.train()
        close(model(x), fx['train_logits'], 1e-5)


@pytest.mark.parametrize('entry', ENTRIES, ids=lambda e: e['name'])
def test_fresh_head_and_gradient_norms_are_the_recorded(entry):
    inputs = fixture('inputs')
    fx = fixture(entry['name'])
    model = checkpoint.load_for_task(entry, 10, head_seed=0)
    for name, p in model.named_parameters():
        if model.is_head(name):
            assert torch.equal(p.detach(), torch.from_numpy(fx[f'head.{name}'])), name
    norms = batch_layer_norms(model, torch.from_numpy(inputs['task_input']), torch.from_numpy(inputs['task_labels']))
    close(torch.tensor([norms[layer] for layer in model.layers]), fx['grad_norms'], 1e-5)
    close(torch.tensor([metrics.embed_to_max_middle(model, norms)]), fx['ratio'], 1e-5)


@pytest.mark.parametrize('entry', ENTRIES, ids=lambda e: e['name'])
def test_manifest_counts_are_the_models(entry):
    total, embed, first = count_params(checkpoint.load_pretrained(entry))
    assert (total, embed, first) == (entry['params'], entry['embedParams'], entry['firstLayerParams'])
