"""The road from the micro run to the paper's real setting: pretrained timm models (CLIP ViT-B/16,
ConvNeXt, BiT ResNet), WILDS datasets and image folders, on your own GPUs, with train.py's
methods, schedule, DDP and logs. timm, WILDS and PIL are imported only here, and only when asked
for (pip install timm wilds pillow).

The paper's groups, by parameter name: the embedding layer ('embed', what freeze-embed freezes
and the embedding learning-rate scale scales) is the patch embedding of a ViT ('patch_embed.'),
the stem of a ConvNeXt or BiT ResNet ('stem.') or the first conv of a torchvision-style ResNet
('conv1.', 'bn1.'); the head is timm's classifier (model.get_classifier()); no weight decay on
1-D parameters and on what the model lists in no_weight_decay() (position embedding, class token).
"""
import os

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, Subset
from torch.utils.data.distributed import DistributedSampler

from torch_twin import optim

SPLIT_DIRS = {'train': ('train',), 'idVal': ('val', 'id_val'), 'ood': ('ood', 'test')}
IMAGE_EXTENSIONS = ('.png', '.jpg', '.jpeg', '.webp')
# Tried in order: the first rule that matches some parameter name is the model's embedding layer.
EMBED_RULES = (('patch_embed.',), ('stem.',), ('conv1.', 'bn1.'))


# --- image folders ------------------------------------------------------------------------------

def _split_dir(root, split):
    for name in SPLIT_DIRS[split]:
        if os.path.isdir(os.path.join(root, name)):
            return os.path.join(root, name)
    raise SystemExit(f"{root}: no {' or '.join(SPLIT_DIRS[split])}/ folder (expected train/, val/ and ood/, each with one folder per class)")


def folder_listing(root):
    """[(path, class index)] per split and the class names (train/'s class folders, sorted)."""
    train = _split_dir(root, 'train')
    classes = sorted(d for d in os.listdir(train) if os.path.isdir(os.path.join(train, d)) and not d.startswith('.'))
    out = {}
    for split in SPLIT_DIRS:
        base, items = _split_dir(root, split), []
        for k, c in enumerate(classes):
            cdir = os.path.join(base, c)
            for dirpath, _, files in sorted(os.walk(cdir)) if os.path.isdir(cdir) else []:
                items += [(os.path.join(dirpath, f), k) for f in sorted(files) if f.lower().endswith(IMAGE_EXTENSIONS) and not f.startswith('.')]
        if not items:
            raise SystemExit(f'{base}: no images in the class folders {classes}')
        out[split] = items
    return out, classes


def open_rgb(path):
    """An image as RGB, transparent pixels composited over white (as the playground imports)."""
    from PIL import Image
    img = Image.open(path)
    if img.mode in ('RGBA', 'LA', 'P'):
        img = img.convert('RGBA')
        white = Image.new('RGBA', img.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, img)
    return img.convert('RGB')


def square(img, size):
    """Centre-crop to a square, then area-average to size x size (the playground's toSquareRgb)."""
    from PIL import Image
    w, h = img.size
    s = min(w, h)
    left, top = (w - s) // 2, (h - s) // 2
    return img.crop((left, top, left + s, top + s)).resize((size, size), Image.BOX)


def folder_arrays(root, size):
    """A folder as the micro models' in-memory sets: uint8 [n, size, size, 3] per split."""
    listing, classes = folder_listing(root)
    splits = {}
    for split, items in listing.items():
        px = np.stack([np.asarray(square(open_rgb(p), size), dtype=np.uint8) for p, _ in items])
        splits[split] = (px, np.array([k for _, k in items], dtype=np.int64), None)
    return splits, classes


class FolderImages(Dataset):
    def __init__(self, items, transform):
        self.items, self.transform = items, transform

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        path, label = self.items[i]
        return self.transform(open_rgb(path)), label


class ArrayImages(Dataset):
    """data.npz's uint8 images as PIL images through a timm transform (upsampled to its input)."""

    def __init__(self, pixels, labels, transform):
        self.pixels, self.labels, self.transform = pixels, labels, transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        from PIL import Image
        return self.transform(Image.fromarray(self.pixels[i])), int(self.labels[i])


class WildsImages(Dataset):
    """A WILDS subset as (image, label); its metadata stays on the subset for WILDS's own eval."""

    def __init__(self, subset):
        self.subset = subset

    def __len__(self):
        return len(self.subset)

    def __getitem__(self, i):
        x, y, _ = self.subset[i]
        return x, int(y)


def open_data(spec, recipe, data_root, train_tf, eval_tf):
    """--data as three datasets of (tensor, label), the class count and per-split extras:
    {'groups': [n] or None, 'wilds': (dataset, subset) or None}."""
    if spec == 'npz':
        here = os.path.dirname(os.path.abspath(__file__))
        z = np.load(os.path.join(here, 'data.npz'))
        sets, extra = {}, {}
        for s in SPLIT_DIRS:
            sets[s] = ArrayImages(z[f'{s}_pixels'], z[f'{s}_labels'], train_tf if s == 'train' else eval_tf)
            extra[s] = {'groups': z[f'{s}_groups'] if f'{s}_groups' in z.files else None, 'labels': z[f'{s}_labels'], 'wilds': None}
        return sets, recipe['data']['numClasses'], extra
    if spec.startswith('folder:'):
        listing, classes = folder_listing(spec[len('folder:'):])
        sets = {s: FolderImages(items, train_tf if s == 'train' else eval_tf) for s, items in listing.items()}
        extra = {s: {'groups': None, 'labels': np.array([k for _, k in items]), 'wilds': None} for s, items in listing.items()}
        return sets, len(classes), extra
    if spec.startswith('wilds:'):
        import wilds
        ds = wilds.get_dataset(dataset=spec[len('wilds:'):], root_dir=data_root, download=True)
        # ID validation where the dataset has one, else its (OOD) validation split; OOD test.
        names = {'train': 'train', 'idVal': 'id_val' if 'id_val' in ds.split_dict else 'val', 'ood': 'test'}
        sets, extra = {}, {}
        for s, name in names.items():
            sub = ds.get_subset(name, transform=train_tf if s == 'train' else eval_tf)
            sets[s] = WildsImages(sub)
            extra[s] = {'groups': None, 'labels': sub.y_array.numpy(), 'wilds': (ds, sub)}
        return sets, ds.n_classes, extra
    raise SystemExit(f"--data {spec!r}: use npz, folder:<dir> or wilds:<dataset>")


# --- timm models -----------------------------------------------------------------------------

class TimmModel:
    """A timm model with the playground's groups (embed / body / head) and weight-decay rule, the
    interface optim.param_groups and train.py use on the micro models."""

    def __init__(self, module, embed_prefixes=None):
        self.module = module
        names = [n for n, _ in module.named_parameters()]
        head = {id(p) for p in module.get_classifier().parameters()}
        prefixes = tuple(embed_prefixes) if embed_prefixes else next(
            (r for r in EMBED_RULES if any(n.startswith(r[0]) for n in names)), (names[0].split('.')[0] + '.',))
        no_wd = set(module.no_weight_decay()) if hasattr(module, 'no_weight_decay') else set()
        self.groups, self.decay = {}, {}
        for n, p in module.named_parameters():
            self.groups[n] = 'head' if id(p) in head else 'embed' if n.startswith(prefixes) else 'body'
            self.decay[n] = p.ndim > 1 and n not in no_wd
        self.embed_prefixes = prefixes

    def named_parameters(self):
        return self.module.named_parameters()

    def state_dict(self):
        return self.module.state_dict()

    def is_embed(self, name):
        return self.groups[name] == 'embed'

    def decays(self, name):
        return self.decay[name]

    def set_trainable(self, frozen_groups):
        for n, p in self.module.named_parameters():
            p.requires_grad_(self.groups[n] not in frozen_groups)


class TimmContext:
    """train.py's context for --model timm:<name>: a fresh pretrained model per method, any --data,
    DataLoader batches (a DistributedSampler under torchrun), timm's transforms."""

    def __init__(self, recipe, args, procs, train):
        import timm
        from timm.data import create_transform, resolve_data_config
        self.timm, self.recipe, self.args, self.procs, self.train = timm, recipe, args, procs, train
        self.name = args.model[len('timm:'):]
        probe = timm.create_model(self.name, pretrained=False)
        cfg = resolve_data_config({}, model=probe)
        self.sets, self.num_classes, self.extra = open_data(args.data, recipe, args.data_root,
                                                           create_transform(**cfg, is_training=True), create_transform(**cfg, is_training=False))
        del probe

    def start(self, method):
        module = self.timm.create_model(self.name, pretrained=True, num_classes=self.num_classes).to(self.procs.device)
        model = TimmModel(module, self.args.embed_prefixes.split(',') if getattr(self.args, 'embed_prefixes', '') else None)
        if self.procs.main:
            print(f"{self.name}: embedding layer = parameters under {', '.join(model.embed_prefixes)}", flush=True)
        return model, self.evaluate, self.run_phase, None

    def loader(self, ds, batch, shuffle, seed, sampler=None):
        return DataLoader(ds, batch_size=batch, shuffle=shuffle and sampler is None, sampler=sampler, drop_last=shuffle,
                          num_workers=self.args.workers, pin_memory=self.procs.device.type == 'cuda',
                          generator=torch.Generator().manual_seed(seed), persistent_workers=False)

    @torch.no_grad()
    def evaluate(self, model):
        """Each process predicts every world-th image; rank 0 gathers them and reports."""
        T, procs, reports = self.train, self.procs, {}
        model.module.eval()
        for split in ('idVal', 'ood'):
            ds = self.sets[split]
            mine = list(range(procs.rank, len(ds), procs.world))
            preds = []
            for x, _ in self.loader(Subset(ds, mine), 256, False, 0):
                with torch.autocast(device_type=procs.device.type, dtype=torch.bfloat16, enabled=self.args.amp):
                    preds.append(model.module(x.to(procs.device, non_blocking=True)).argmax(1).cpu())
            pred = torch.cat(preds).numpy() if preds else np.zeros(0, np.int64)
            if procs.dist is not None:
                gathered = [None] * procs.world
                procs.dist.all_gather_object(gathered, (mine, pred))
            else:
                gathered = [(mine, pred)]
            if not procs.main:
                continue
            full = np.zeros(len(ds), np.int64)
            for idx, p in gathered:
                full[idx] = p
            ex = self.extra[split]
            reports[split] = T.accuracy_report(full, ex['labels'], ex['groups'], int(ex['groups'].max()) + 1 if ex['groups'] is not None else 0)
            if ex['wilds'] is not None:  # WILDS's official metrics (e.g. worst-region accuracy)
                ds_, sub = ex['wilds']
                results, _ = ds_.eval(torch.from_numpy(full), sub.y_array, sub.metadata_array)
                reports[split]['wilds'] = {k: float(v) for k, v in results.items()}
        if not procs.main:
            return None
        info = self.recipe['data'] if self.args.data == 'npz' else {'idMetric': 'accuracy', 'oodMetric': 'accuracy'}
        return {'id': T.metric(reports['idVal'], info['idMetric']), 'ood': T.metric(reports['ood'], info['oodMetric']),
                'idAcc': reports['idVal']['accuracy'], 'oodAcc': reports['ood']['accuracy'], 'reports': reports}

    def run_phase(self, model, method, phase, recipe, procs, log, state):
        T, run = self.train, recipe['run']
        if run['batchSize'] % procs.world:
            raise SystemExit(f"batch size {run['batchSize']} does not split over {procs.world} processes")
        per_process = run['batchSize'] // procs.world
        model.set_trainable(phase['freeze'])
        opt = T.make_optimizer(model, method, phase['lr'])
        net = procs.wrap(model.module)
        ds = self.sets['train']
        sampler = DistributedSampler(ds, procs.world, procs.rank, shuffle=True, seed=run['seed'], drop_last=True) if procs.world > 1 else None
        loader = self.loader(ds, per_process, True, run['seed'], sampler)
        per_epoch = len(loader)
        total = per_epoch * phase['epochs']
        last = total if state['budget'] is None else min(total, state['budget'])
        every = T.eval_every(run, per_epoch)
        step = 0
        if run.get('evalAtStart', True) and phase['name'] == state['first_phase'] and last > 0:
            log.evaluate(model, step, 0, phase['name'])
        for epoch in range(phase['epochs']):
            if sampler is not None:
                sampler.set_epoch(epoch)
            for x, y in loader:
                if step >= last:
                    break
                lr = optim.lr_at(run['schedule'], phase['lr'], step, total)
                optim.set_lr(opt, lr)
                model.module.train()
                loss = T.train_step(net, opt, x.to(procs.device, non_blocking=True), y.to(procs.device), run['batchSize'], procs, self.args.amp)
                step += 1
                log.step(step, epoch, phase['name'], lr, loss)
                if (every > 0 and step % every == 0) or (every <= 0 and step % per_epoch == 0) or step == last:
                    log.evaluate(model, step, epoch, phase['name'])
            if step >= last:
                break
        if state['budget'] is not None:
            state['budget'] -= step
        return step
