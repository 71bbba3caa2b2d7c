"""The three micro architectures in plain PyTorch, with timm/torchvision parameter names.
The TypeScript engine (src/core/models) must match these exactly; configs use the TS names."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        B, N, C = x.shape
        qkv = self.qkv(x).reshape(B, N, 3, self.heads, C // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        attn = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(C // self.heads))
        x = (attn.softmax(dim=-1) @ v).transpose(1, 2).reshape(B, N, C)
        return self.proj(x)


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class VitBlock(nn.Module):
    def __init__(self, dim, heads, mlp_ratio):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, dim * mlp_ratio)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class PatchEmbed(nn.Module):
    def __init__(self, c, dim, p):
        super().__init__()
        self.proj = nn.Conv2d(c, dim, p, p)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)  # [B, N, D]


class Vit(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d, p = cfg['dim'], cfg['patchSize']
        n = (cfg['imageSize'] // p) ** 2
        self.patch_embed = PatchEmbed(cfg['channels'], d, p)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, d))
        self.pos_embed = nn.Parameter(torch.zeros(1, n + 1, d))
        self.blocks = nn.ModuleList([VitBlock(d, cfg['heads'], cfg['mlpRatio']) for _ in range(cfg['depth'])])
        self.norm = nn.LayerNorm(d, eps=1e-6)
        self.head = nn.Linear(d, cfg['numClasses'])

    def forward(self, x):
        x = self.patch_embed(x)
        x = torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1) + self.pos_embed
        for b in self.blocks:
            x = b(x)
        return self.head(self.norm(x)[:, 0])

    @staticmethod
    def embed_names(cfg):
        names = ['patch_embed.']
        if cfg['embed'] == 'patch+pos':
            names += ['cls_token', 'pos_embed']
        return names


class LayerNorm2d(nn.LayerNorm):
    def forward(self, x):  # [B, C, H, W]
        return F.layer_norm(x.permute(0, 2, 3, 1), self.normalized_shape, self.weight, self.bias, self.eps).permute(0, 3, 1, 2)


class ConvNextBlock(nn.Module):
    def __init__(self, d, ls):
        super().__init__()
        self.conv_dw = nn.Conv2d(d, d, 7, padding=3, groups=d)
        self.norm = nn.LayerNorm(d, eps=1e-6)
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
            self.downsample = nn.Sequential(LayerNorm2d(prev, eps=1e-6), nn.Conv2d(prev, d, 2, 2))
        else:
            self.downsample = nn.Identity()
        self.blocks = nn.Sequential(*[ConvNextBlock(d, ls) for _ in range(depth)])

    def forward(self, x):
        return self.blocks(self.downsample(x))


class ConvNextHead(nn.Module):
    def __init__(self, d, k):
        super().__init__()
        self.norm = nn.LayerNorm(d, eps=1e-6)
        self.fc = nn.Linear(d, k)

    def forward(self, x):
        return self.fc(self.norm(x.mean((2, 3))))


class ConvNext(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        dims, depths = cfg['dims'], cfg['depths']
        self.stem = nn.Sequential(nn.Conv2d(cfg['channels'], dims[0], cfg['patchSize'], cfg['patchSize']), LayerNorm2d(dims[0], eps=1e-6))
        self.stages = nn.ModuleList([
            ConvNextStage(dims[max(i - 1, 0)], d, depths[i], cfg['layerScaleInit'], i > 0) for i, d in enumerate(dims)
        ])
        self.head = ConvNextHead(dims[-1], cfg['numClasses'])

    def forward(self, x):
        x = self.stem(x)
        for s in self.stages:
            x = s(x)
        return self.head(x)

    @staticmethod
    def embed_names(cfg):
        return ['stem.', 'stages.0.'] if cfg['embed'] == 'stem+stage0' else ['stem.']


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (self.downsample(x) if self.downsample is not None else x))


class ResNet(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        w = cfg['widths']
        self.conv1 = nn.Conv2d(cfg['channels'], w[0], 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(w[0])
        cin = w[0]
        for s, (width, n) in enumerate(zip(w, cfg['blocks'])):
            blocks = []
            for j in range(n):
                blocks.append(BasicBlock(cin, width, 2 if s > 0 and j == 0 else 1))
                cin = width
            setattr(self, f'layer{s + 1}', nn.Sequential(*blocks))
        self.n_stages = len(w)
        self.fc = nn.Linear(cin, cfg['numClasses'])

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        for s in range(self.n_stages):
            x = getattr(self, f'layer{s + 1}')(x)
        return self.fc(x.mean((2, 3)))

    @staticmethod
    def embed_names(cfg):
        return ['conv1.', 'bn1.', 'layer1.'] if cfg['embed'] == 'stem+layer1' else ['conv1.', 'bn1.']


FAMILIES = {'vit': Vit, 'convnext': ConvNext, 'resnet': ResNet}


def build(cfg):
    return FAMILIES[cfg['family']](cfg)


def is_embed(cfg, name):
    return any(name == p or name.startswith(p) for p in FAMILIES[cfg['family']].embed_names(cfg))


HEAD_PREFIX = {'vit': 'head.', 'convnext': 'head.fc.', 'resnet': 'fc.'}


def is_head(cfg, name):
    """The final linear layer: the engine's 'head' group (LP-FT trains it alone first)."""
    return name.startswith(HEAD_PREFIX[cfg['family']])


def no_decay(name, p):
    """Same rule as the TS param specs: no decay on 1-D params, cls token, position embedding."""
    return p.ndim <= 1 or name in ('cls_token', 'pos_embed')
