"""A stand-in for timm (tests/unit/project only): create_model and the data helpers train.py
calls, so the timm path runs where timm cannot be installed."""
import torch
import torch.nn as nn

from . import data  # noqa: F401


class PatchEmbed(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Conv2d(3, 8, 4, 4)


class Tiny(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.patch_embed = PatchEmbed()
        self.pos_embed = nn.Parameter(torch.zeros(1, 8, 1, 1))
        self.norm = nn.LayerNorm(8)
        self.head = nn.Linear(8, num_classes)

    def forward(self, x):
        return self.head(self.norm((self.patch_embed.proj(x) + self.pos_embed).mean((2, 3))))

    def get_classifier(self):
        return self.head

    def no_weight_decay(self):
        return {'pos_embed'}


def create_model(name, pretrained=False, num_classes=1000):
    torch.manual_seed(0)
    return Tiny(num_classes)
