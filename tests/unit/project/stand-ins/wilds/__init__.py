"""A stand-in for WILDS (tests only): get_dataset, get_subset, eval, with the real API's shapes."""
import numpy as np
import torch
from PIL import Image


class Subset:
    def __init__(self, ds, idx, transform):
        self.ds, self.idx, self.transform = ds, idx, transform
        self.y_array = ds.y[idx]
        self.metadata_array = torch.stack([ds.y[idx], torch.arange(len(idx)) % 2], 1)

    def __len__(self):
        return len(self.idx)

    def __getitem__(self, i):
        k = int(self.idx[i])
        img = Image.fromarray(np.full((20, 20, 3), 40 * k % 255, np.uint8))
        return self.transform(img), self.ds.y[k], self.metadata_array[i]


class Dataset:
    split_dict = {'train': 0, 'val': 1, 'test': 2, 'id_val': 3}
    n_classes = 3

    def __init__(self):
        self.y = torch.arange(40) % 3
        self.split = torch.tensor([0] * 24 + [1] * 4 + [2] * 6 + [3] * 6)

    def get_subset(self, split, frac=1.0, transform=None):
        return Subset(self, torch.nonzero(self.split == self.split_dict[split]).flatten(), transform)

    def eval(self, y_pred, y_true, metadata):
        acc = float((y_pred == y_true).float().mean())
        return {'acc_avg': acc, 'acc_wg': acc}, f'acc {acc}'


def get_dataset(dataset, root_dir=None, download=False, **_):
    assert dataset == 'toy'
    return Dataset()
