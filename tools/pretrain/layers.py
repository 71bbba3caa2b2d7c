"""The engine's layers (ModelDef.layers and groupOfLayer in src/core/models/*.ts) for the
PyTorch state-dict names, and the paper's gradient statistic as the engine computes it
(embedToMaxMiddleRatio in src/core/metrics/grad-norms.ts)."""
import re

import models


def layer_names(cfg):
    """Layers in forward order, as ModelDef.layers."""
    f = cfg['family']
    if f == 'vit':
        return ['patch_embed', 'pos_embed'] + [f'blocks.{i}' for i in range(cfg['depth'])] + ['norm', 'head']
    if f == 'convnext':
        out = ['stem']
        for s, d in enumerate(cfg['depths']):
            if s > 0:
                out.append(f'stages.{s}.downsample')
            out += [f'stages.{s}.blocks.{j}' for j in range(d)]
        return out + ['head.norm', 'head.fc']
    out = ['stem']
    for s, n in enumerate(cfg['blocks']):
        out += [f'layer{s + 1}.{j}' for j in range(n)]
    return out + ['fc']


def layer_of(cfg, name):
    f = cfg['family']
    if f == 'vit':
        if name.startswith('patch_embed.'):
            return 'patch_embed'
        if name in ('cls_token', 'pos_embed'):
            return 'pos_embed'
        m = re.match(r'blocks\.(\d+)\.', name)
        if m:
            return f'blocks.{m.group(1)}'
        return name.split('.')[0]  # norm, head
    if f == 'convnext':
        if name.startswith('stem.'):
            return 'stem'
        m = re.match(r'(stages\.\d+\.(blocks\.\d+|downsample))\.', name)
        if m:
            return m.group(1)
        return '.'.join(name.split('.')[:2])  # head.norm, head.fc
    if name.startswith(('conv1.', 'bn1.')):
        return 'stem'
    m = re.match(r'(layer\d+\.\d+)\.', name)
    if m:
        return m.group(1)
    return 'fc'


def group_of_layer(cfg, layer):
    """embed / body / head, as the engine's groupOfLayer."""
    names = layer_names(cfg)
    if layer == names[-1]:
        return 'head'
    embed = models.FAMILIES[cfg['family']].embed_names(cfg)
    # A layer is in the embed group when its parameters are (e.g. 'stem' <- 'conv1.', 'bn1.').
    probe = {'stem': 'stem.' if cfg['family'] == 'convnext' else 'conv1.', 'patch_embed': 'patch_embed.', 'pos_embed': 'pos_embed'}
    p = probe.get(layer, layer + '.')
    return 'embed' if any(p == e or p.startswith(e) for e in embed) else 'body'


def per_layer_sq(cfg, grads):
    """grads: dict name -> gradient tensor. Returns dict layer -> summed squared norm."""
    out = {}
    for n, g in grads.items():
        l = layer_of(cfg, n)
        out[l] = out.get(l, 0.0) + float((g.double() ** 2).sum())
    return out


def embed_to_max_middle(cfg, per_layer):
    """First layer's norm / the largest body-layer norm (embedToMaxMiddleRatio)."""
    names = layer_names(cfg)
    mids = [per_layer[l] for l in names if group_of_layer(cfg, l) == 'body' and l in per_layer]
    return per_layer[names[0]] / max(mids)
