"""The three micro architectures in plain PyTorch, with timm/torchvision parameter names; the
TS engine (src/core/models) must match them exactly. Configs use the engine's JSON names."""
from .convnext import ConvNext
from .resnet import ResNet
from .twin_model import TwinModel
from .vit import Vit

FAMILIES = {'vit': Vit, 'convnext': ConvNext, 'resnet': ResNet}


def build(cfg):
    return FAMILIES[cfg['family']](cfg)


__all__ = ['FAMILIES', 'TwinModel', 'build']
