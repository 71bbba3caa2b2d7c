"""specs.json is the engine's own parameter specs, and every twin model has exactly its tensors."""
import os
import subprocess

import pytest

from .. import models, specs
from ..paths import ROOT


def test_specs_json_is_what_the_engine_writes_today():
    tsx = os.path.join(ROOT, 'node_modules', '.bin', 'tsx')
    assert os.path.exists(tsx), 'needs the npm packages (npm ci) to run tools/torch_twin/write-specs.ts'
    r = subprocess.run([tsx, 'tools/torch_twin/write-specs.ts', '--check'], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr + r.stdout


@pytest.mark.parametrize('spec', specs.all_model_specs(), ids=lambda s: f'{s.config["family"]}-{s.config["numClasses"]}')
def test_model_has_the_engines_tensors_and_shapes(spec):
    model = models.build(spec.config)
    params = {n: tuple(p.shape) for n, p in model.named_parameters()}
    buffers = {n: tuple(b.shape) for n, b in model.named_buffers()}
    expected = {kind: {t.name: t.shape for t in spec.tensors.values() if t.kind == kind} for kind in ('param', 'buffer')}
    assert params == expected['param']
    assert buffers == expected['buffer']


def test_lookup_ignores_num_classes_and_names_the_fix_for_an_unknown_config():
    cfg = specs.config('default', 'vit', numClasses=3)
    assert specs.model_spec(cfg).layers[0] == 'patch_embed'
    with pytest.raises(KeyError, match='twin-configs.ts'):
        specs.model_spec(dict(cfg, depth=7))


def test_groups_follow_the_embed_option():
    vit = models.build(specs.config('fixture', 'vit'))
    assert vit.is_embed('patch_embed.proj.weight') and not vit.is_embed('pos_embed')
    convnext = models.build(specs.config('fixture', 'convnext'))
    assert convnext.is_embed('stages.0.blocks.0.gamma') and not convnext.is_embed('stages.1.downsample.1.weight')
    assert convnext.head_names() == ['head.fc.weight', 'head.fc.bias']  # head.norm is body
    resnet = models.build(specs.config('fixture', 'resnet'))
    assert resnet.is_embed('layer1.0.conv1.weight') and resnet.is_head('fc.weight')
