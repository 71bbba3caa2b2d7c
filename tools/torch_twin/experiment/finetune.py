"""One fine-tuning run in PyTorch: the twin of the TS engine's runTraining (src/core/train/run.ts)
with the experiment recipe (tools/experiment/experiment-recipe.json).

The pretrained body from public/models (+ a fresh head for the benchmark's classes, the engine's
init), the benchmark's seed-0 sets from .cache/ (tools/pretrain/export-pool.ts writes them from
the same shards the app ships), the benchmark's own augmentation, a cosine schedule over the
whole run stepped per optimizer step, evaluation (eval mode) on idVal and ood after every
epoch. Frozen groups get requires_grad=False and no optimizer state, as in the engine.
"""
import math
import time

import torch
import torch.nn.functional as F

from .. import checkpoint, data, metrics, optim

# ID / OOD metric per benchmark, as src/data/benchmarks/*.ts declares them.
GROUP_METRICS = {'spurious'}


@torch.no_grad()
def predictions(model, pixels, batch=500):
    model.eval()
    out = []
    for i in range(0, len(pixels), batch):
        out.append(model(data.normalise(pixels[i:i + batch])).argmax(1))
    return torch.cat(out)


def group_accs(correct, groups):
    return {int(g): float(correct[groups == g].float().mean()) for g in groups.unique()}


def split_metrics(bench, model, sets, train_group_weights):
    """(id metric, ood metric, plain id acc, plain ood acc) as the benchmark defines them."""
    px, lab, grp = sets['idVal']
    c_id = predictions(model, px) == lab
    px, lab, grp_o = sets['ood']
    c_ood = predictions(model, px) == lab
    id_acc, ood_acc = float(c_id.float().mean()), float(c_ood.float().mean())
    if bench not in GROUP_METRICS:
        return id_acc, ood_acc, id_acc, ood_acc
    ga = group_accs(c_id, grp)
    id_rw = sum(train_group_weights.get(g, 0.0) * a for g, a in ga.items())
    worst = min(group_accs(c_ood, grp_o).values())
    return id_rw, worst, id_acc, ood_acc


def phases(method, epochs):
    """Fine-tuning alone, or LP-FT's head-only epochs first (as phasesOf in run-one.ts)."""
    ft = dict(epochs=epochs, freeze=method['freeze'], lp=False)
    lp_epochs = method.get('lpEpochs', 0)
    lp = dict(epochs=lp_epochs, freeze=['embed', 'body'], lp=True, lr=method.get('lpLr'))
    return [lp, ft] if lp_epochs else [ft]


def run_phase(model, method, phase, lr, seed, recipe, bench, header, sets, tw, hist, w0=None):
    """One phase: its own optimizer state and cosine schedule (as one runTraining call in the
    engine), a fresh shuffle generator from the seed; appends one entry per epoch to hist.
    Returns (steps, diverged)."""
    model.set_trainable(phase['freeze'])
    lr = phase['lr'] if phase.get('lr') is not None else lr  # LP-FT's head-only phase: its own fixed rate
    groups = optim.param_groups(model, method['weightDecay'], method.get('embedLrScale', 1.0))
    # LAMB / LARS: eps and trust coefficient from the recipe, else the engine's defaults
    # (optimizer-config.ts: LAMB eps 1e-6, LARS eps 1e-8).
    eps = method.get('eps', 1e-6 if method['optimizer'] == 'lamb' else 1e-8)
    opt = optim.make_optimizer(groups, method['optimizer'], lr, momentum=method.get('momentum', 0.0), eps=eps,
                               trust_coeff=method.get('trustCoeff', 1e-3))
    # Gradual unfreezing (the fine-tuning phase only): requires_grad per step, as the engine.
    gradual = method.get('unfreeze') == 'gradual' and not phase['lp']
    trainable = {nm for nm, p in model.named_parameters() if p.requires_grad}
    px, lab, _ = sets['train']
    n = len(lab)
    bs, epochs = recipe['batchSize'], phase['epochs']
    per_epoch = n // bs  # last partial batch dropped, as the engine
    total = per_epoch * epochs
    aug = header['augment']
    flip = torch.full((n,), bool(aug['flip']))
    g = torch.Generator().manual_seed(seed)
    step = 0
    for _ in range(epochs):
        model.train()
        perm = torch.randperm(n, generator=g)
        loss_sum = 0.0
        grad_sq = {}  # layer -> sum over the epoch's steps of the squared gradient norm
        for k in range(per_epoch):
            idx = perm[k * bs:(k + 1) * bs]
            x = data.normalise(data.augment(px[idx], aug['cropPadding'], flip[idx], g))
            optim.set_lr(opt, optim.lr_at({'kind': 'cosine'}, lr, step, total))
            if gradual:
                optim.apply_unfreeze(model, trainable, step, total)
            loss = F.cross_entropy(model(x), lab[idx])
            if not torch.isfinite(loss):
                return step, True
            opt.zero_grad(set_to_none=True)
            loss.backward()
            if w0 is not None:  # per-layer gradient norms, for the recorded reference
                grads = {nm: p.grad for nm, p in model.named_parameters() if p.grad is not None}
                for layer, v in metrics.per_layer_sq(model, grads).items():
                    grad_sq[layer] = grad_sq.get(layer, 0.0) + math.sqrt(v)
            opt.step()
            loss_sum += float(loss)
            step += 1
        idm, oodm, ida, ooda = split_metrics(bench, model, sets, tw)
        h = dict(epoch=len(hist) + 1, loss=loss_sum / per_epoch, id=idm, ood=oodm, idAcc=ida, oodAcc=ooda)
        if w0 is not None:
            h['drift'] = metrics.layer_drift(model, w0)
            h['gradNorm'] = {layer: v / per_epoch for layer, v in grad_sq.items()}  # mean over the epoch's steps
        hist.append(dict(h, phase='lp') if phase['lp'] else h)
    return step, False


def run(entry, bench, method, lr, seed, recipe, cache, detail=False):
    """Returns a run record (JSON-able). `cache` holds loaded benchmark sets by name."""
    tag = recipe.get('dataTag', '0')
    if (bench, tag) not in cache:
        cache[(bench, tag)] = data.load_sets(data.bench_path(bench, tag))
    header, sets = cache[(bench, tag)]
    t0 = time.time()
    torch.manual_seed(seed)
    model = checkpoint.load_for_task(entry, header['numClasses'], head_seed=seed)
    w0 = {n: p.detach().clone() for n, p in model.named_parameters()}
    grp = sets['train'][2]
    tw = {int(k): float((grp == k).float().mean()) for k in grp.unique()}
    hist, steps, diverged = [], 0, False
    for phase in phases(method, recipe['epochs']):
        ran, diverged = run_phase(model, method, phase, lr, seed, recipe, bench, header, sets, tw, hist, w0 if detail else None)
        steps += ran
        if diverged:
            break
    # Early stopping over the fine-tuning epochs (as run-one.ts): LP-FT's head-only epochs are the
    # same for every swept rate and would report linear probing as LP-FT.
    ft = [h for h in hist if h.get('phase') != 'lp'] or hist
    best = max(ft, key=lambda h: h['id']) if ft else None
    return dict(engine='torch', model=entry['name'], benchmark=bench, lr=lr, seed=seed, epochs=recipe['epochs'],
                batchSize=recipe['batchSize'], steps=steps, diverged=diverged, perEpoch=hist, best=best,
                final=hist[-1] if hist else None, embedDrift=metrics.layer_drift(model, w0)[model.layers[0]],
                seconds=round(time.time() - t0, 1))
