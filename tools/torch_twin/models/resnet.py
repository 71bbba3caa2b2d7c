"""Micro ResNet with BatchNorm, torchvision layout and names (src/core/models/resnet.ts):
conv1/bn1 stem (CIFAR-style 3x3, no max-pool), layerN.M basic blocks with downsample.0/.1
projections, fc head."""
import torch.nn as nn
import torch.nn.functional as F

from .twin_model import TwinModel


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


class ResNet(TwinModel):
    def __init__(self, cfg):
        super().__init__(cfg)
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
