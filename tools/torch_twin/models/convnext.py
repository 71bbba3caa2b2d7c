"""Micro ConvNeXt, timm layout and names (src/core/models/convnext.ts): patchify stem +
LayerNorm, stages of [depthwise 7x7 -> LayerNorm -> Linear 4x -> GELU -> Linear -> layer scale]
residual blocks, LayerNorm + 2x2 stride-2 conv between stages, pool + LayerNorm + Linear head."""
import torch
import torch.nn as nn

from .blocks import LayerNorm2d, Mlp
from .twin_model import TwinModel

LN_EPS = 1e-6


class ConvNextBlock(nn.Module):
    def __init__(self, d, ls):
        super().__init__()
        self.conv_dw = nn.Conv2d(d, d, 7, padding=3, groups=d)
        self.norm = nn.LayerNorm(d, eps=LN_EPS)
        self.mlp = Mlp(d, 4 * d)
        self.gamma = nn.Parameter(torch.full((d,), ls))

    def forward(self, x):
        y = self.norm(self.conv_dw(x).permute(0, 2, 3, 1))
        y = self.mlp(y) * self.gamma
        return x + y.permute(0, 3, 1, 2)


class ConvNextStage(nn.Module):
    def __init__(self, prev, d, depth, ls, downsample):
        super().__init__()
        if downsample:
            self.downsample = nn.Sequential(LayerNorm2d(prev, eps=LN_EPS), nn.Conv2d(prev, d, 2, 2))
        else:
            self.downsample = nn.Identity()
        self.blocks = nn.Sequential(*[ConvNextBlock(d, ls) for _ in range(depth)])

    def forward(self, x):
        return self.blocks(self.downsample(x))


class ConvNextHead(nn.Module):
    def __init__(self, d, k):
        super().__init__()
        self.norm = nn.LayerNorm(d, eps=LN_EPS)
        self.fc = nn.Linear(d, k)

    def forward(self, x):
        return self.fc(self.norm(x.mean((2, 3))))


class ConvNext(TwinModel):
    def __init__(self, cfg):
        super().__init__(cfg)
        dims, depths = cfg['dims'], cfg['depths']
        self.stem = nn.Sequential(nn.Conv2d(cfg['channels'], dims[0], cfg['patchSize'], cfg['patchSize']), LayerNorm2d(dims[0], eps=LN_EPS))
        self.stages = nn.ModuleList([
            ConvNextStage(dims[max(i - 1, 0)], d, depths[i], cfg['layerScaleInit'], i > 0) for i, d in enumerate(dims)
        ])
        self.head = ConvNextHead(dims[-1], cfg['numClasses'])

    def forward(self, x):
        x = self.stem(x)
        for s in self.stages:
            x = s(x)
        return self.head(x)
