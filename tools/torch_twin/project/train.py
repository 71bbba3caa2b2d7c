"""Fine-tune as the Fine-Tune Playground run did, in PyTorch: the same micro model (the
engine's parameter names), the same starting weights, the same data subset, the same methods
and, on the default path, the very same batches as the playground's engine.

    python3 train.py                                  every method of recipe.json, one process
    python3 train.py --methods sgd,adamw --max-steps 2 --print-losses
    torchrun --nproc_per_node 4 train.py              DDP: each global batch split across processes
    python3 train.py --model timm:vit_base_patch16_clip_224.openai --data wilds:camelyon17

Writes out/<method>.safetensors (PyTorch layout, the engine's names: it loads back into the
playground) and out/<method>.json (per-step losses and learning rates, evaluations). README.md
has the details, and the road to the paper's real setting (timm models, WILDS data).

This file is tools/torch_twin/project/train.py in the playground's repository; the exported
project bundles it with the PyTorch twin's modules as the twin's own package, torch_twin/
(models/, optim.py, specs.py, st_io.py, engine_rng.py, engine_batches.py), and real_scale.py.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

from torch_twin import engine_batches, optim, st_io
from torch_twin.models import build

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--recipe', default=os.path.join(HERE, 'recipe.json'), help='the run settings (default: the exported recipe.json)')
    ap.add_argument('--methods', default='all', help='method ids of the recipe, comma-separated (default: all)')
    ap.add_argument('--model', default='micro',
                    help="'micro': the playground's model from start.safetensors; 'timm:<name>': a pretrained timm model (pip install timm)")
    ap.add_argument('--embed-prefixes', default='',
                    help="timm models: parameter-name prefixes of the embedding layer, e.g. patch_embed.,norm_pre. (default: found by name)")
    ap.add_argument('--data', default='npz',
                    help="'npz': the run's exact subset (data.npz); 'folder:<dir>': <dir>/train|val|ood/<class>/*.png|jpg; "
                         "'wilds:<dataset>': a WILDS dataset (pip install wilds), e.g. wilds:camelyon17")
    ap.add_argument('--data-root', default=os.path.join(HERE, 'data'), help='where WILDS datasets are downloaded')
    ap.add_argument('--lr', default='', help='learning rates per method, e.g. sgd=0.003,adamw=1e-4 (the recipe\'s otherwise)')
    ap.add_argument('--epochs', type=int, default=None, help="override the recipe's epochs")
    ap.add_argument('--batch-size', type=int, default=None, help="override the recipe's global batch size")
    ap.add_argument('--max-steps', type=int, default=None,
                    help='stop each method after this many steps (the schedule still spans the whole run, as in the playground)')
    ap.add_argument('--out', default=os.path.join(HERE, 'out'))
    ap.add_argument('--device', default='auto', help="'auto' (CUDA when present), 'cpu' or 'cuda'")
    ap.add_argument('--threads', type=int, default=None, help='CPU threads for torch')
    ap.add_argument('--workers', type=int, default=4, help='DataLoader workers (timm / WILDS / folder path)')
    ap.add_argument('--amp', action='store_true', help='bfloat16 autocast on CUDA (the real-scale path)')
    ap.add_argument('--print-losses', action='store_true', help='one JSON line per step: method, step, loss, lr')
    return ap.parse_args(argv)


# --- processes ---------------------------------------------------------------------------------

class Procs:
    """One process, or one of torchrun's: rank, world size, device. The model is wrapped in
    DistributedDataParallel; everything else (evaluation, files) happens on rank 0."""

    def __init__(self, device_arg):
        self.world = int(os.environ.get('WORLD_SIZE', '1'))
        self.rank = int(os.environ.get('RANK', '0'))
        local = int(os.environ.get('LOCAL_RANK', '0'))
        cuda = torch.cuda.is_available() if device_arg == 'auto' else device_arg == 'cuda'
        self.device = torch.device(f'cuda:{local}' if cuda else 'cpu')
        if cuda:
            torch.cuda.set_device(self.device)
        if self.world > 1:
            import torch.distributed as dist
            dist.init_process_group('nccl' if cuda else 'gloo')
            self.dist = dist
        else:
            self.dist = None

    @property
    def main(self):
        return self.rank == 0

    def wrap(self, model):
        """DDP around the model, built per phase: the set of trained parameters changes with
        freezing (LP-FT, freeze-embed), and DDP fixes it at construction."""
        if self.dist is None:
            return model
        from torch.nn.parallel import DistributedDataParallel
        ids = [self.device.index] if self.device.type == 'cuda' else None
        return DistributedDataParallel(model, device_ids=ids)

    def sum(self, value):
        """Sum of a float over processes."""
        if self.dist is None:
            return value
        t = torch.tensor([value], dtype=torch.float64, device=self.device)
        self.dist.all_reduce(t)
        return float(t)

    def barrier(self):
        if self.dist is not None:
            self.dist.barrier()

    def close(self):
        if self.dist is not None:
            self.dist.destroy_process_group()


# --- methods -------------------------------------------------------------------------------------

def methods_of(recipe, ids, lr_overrides):
    """The recipe's methods, in its order, with learning-rate overrides applied."""
    chosen = [m for m in recipe['methods'] if ids == 'all' or m['id'] in ids.split(',')]
    if not chosen:
        raise SystemExit(f"no method {ids!r} in the recipe; it has {', '.join(m['id'] for m in recipe['methods'])}")
    for kv in filter(None, lr_overrides.split(',')):
        mid, value = kv.split('=')
        for m in chosen:
            if m['id'] == mid:
                m['optimizer'] = dict(m['optimizer'], lr=float(value))
    return chosen


def phases_of(method, epochs):
    """Fine-tuning alone, or LP-FT's head-only epochs first: every group but the head frozen,
    its own learning rate, its own schedule and optimizer state (phasesOf in the engine's CLI)."""
    ft = dict(name='ft', epochs=epochs, freeze=method['freeze'], lr=method['optimizer']['lr'])
    lp = method.get('lp')
    if not lp:
        return [ft]
    return [dict(name='lp', epochs=lp['epochs'], freeze=['embed', 'body'], lr=lp['lr']), ft]


def make_optimizer(grouped, method, lr):
    """torch.optim.SGD or AdamW, or optim.py's LAMB / LARS, over the model's param groups (optim.py: weight decay per group,
    frozen parameters left out, the embed group's learning-rate scale)."""
    o = method['optimizer']
    scale = method.get('lrScale', {})
    if any(g != 'embed' and s != 1 for g, s in scale.items()):
        raise SystemExit(f"{method['id']}: only the embed group's learning rate can be scaled, not {scale}")
    groups = optim.param_groups(grouped, o['weightDecay'], scale.get('embed', 1.0))
    if o['kind'] in ('adamw', 'lamb'):
        return optim.make_optimizer(groups, o['kind'], lr, betas=(o['beta1'], o['beta2']), eps=o['eps'])
    if o['kind'] == 'lars':
        return optim.make_optimizer(groups, 'lars', lr, momentum=o['momentum'], trust_coeff=o['trustCoeff'], eps=o['eps'])
    if o['kind'] != 'sgd':
        raise SystemExit(f"{method['id']}: unknown optimizer {o['kind']!r} (sgd, adamw, lamb or lars)")
    return optim.make_optimizer(groups, 'sgd', lr, momentum=o['momentum'], nesterov=o['nesterov'])


def eval_every(run, per_epoch):
    """Steps between evaluations, as the engine's runTraining decides (0: at each epoch's end)."""
    k = run.get('evalsPerEpoch') or 0
    return max(1, math.floor(per_epoch / k + 0.5)) if k > 0 else run.get('evalEvery', 0)


# --- one step ------------------------------------------------------------------------------------

class Diverged(Exception):
    pass


def train_step(net, opt, x, y, global_batch, procs, amp):
    """Forward, backward, a finiteness check, then the update: a NaN/Inf loss or gradient stops
    the method before the weights are touched (as the engine). This process holds some rows of
    a global batch of `global_batch`; DDP averages gradients over processes, so each backs up
    its summed cross-entropy times world / global_batch, and the gradient is the global batch
    mean's. Returns the global batch's mean loss."""
    opt.zero_grad(set_to_none=True)
    with torch.autocast(device_type=x.device.type, dtype=torch.bfloat16, enabled=amp):
        logits = net(x)
    loss_sum = F.cross_entropy(logits.float(), y, reduction='sum')
    loss = loss_sum * (procs.world / global_batch) if procs.world > 1 else loss_sum / global_batch
    loss.backward()
    squares = [p.grad.detach().float().pow(2).sum() for g in opt.param_groups for p in g['params'] if p.grad is not None]
    total = loss.detach() + (torch.stack(squares).sum() if squares else 0.0)
    if not bool(torch.isfinite(total)):
        raise Diverged(f'non-finite loss or gradient (loss {float(loss_sum) / len(y):.4g})')
    opt.step()
    return float(loss.detach()) if procs.world == 1 else procs.sum(float(loss_sum.detach())) / global_batch


# --- evaluation ----------------------------------------------------------------------------------

def accuracy_report(pred, labels, groups, num_groups, weights=None):
    """Accuracy, per-group accuracy, worst group, and the group-reweighted accuracy (the
    engine's accuracyReport)."""
    pred, labels = np.asarray(pred), np.asarray(labels)
    rep = {'n': int(len(labels)), 'accuracy': float((pred == labels).mean()) if len(labels) else float('nan')}
    if groups is None:
        return rep
    groups = np.asarray(groups)
    per = []
    for g in range(num_groups):
        m = groups == g
        per.append(float((pred[m] == labels[m]).mean()) if m.any() else float('nan'))
    present = [(g, a) for g, a in enumerate(per) if not math.isnan(a)]
    w = [weights[g] if weights is not None and g < len(weights) else 1.0 for g, _ in present]
    rep['perGroup'] = per
    rep['worstGroup'] = min(a for _, a in present) if present else float('nan')
    rep['reweighted'] = sum(a * wi for (_, a), wi in zip(present, w)) / sum(w) if sum(w) else float('nan')
    return rep


def metric(rep, kind):
    """The benchmark's ID / OOD metric from a report (idMetric / oodMetric)."""
    if kind == 'group-reweighted-accuracy':
        return rep.get('reweighted', rep['accuracy'])
    if kind == 'worst-group-accuracy':
        return rep.get('worstGroup', rep['accuracy'])
    return rep['accuracy']


# --- the micro path: the engine's own batches --------------------------------------------------

class ArraySets:
    """The three splits as uint8 NHWC arrays in memory (data.npz, or a folder resized to the
    model's input): what the engine trains on."""

    def __init__(self, splits, info):
        self.splits, self.info = splits, info  # splits: name -> (pixels, labels, groups | None)

    @staticmethod
    def from_npz(path, info):
        z = np.load(path)
        splits = {}
        for s in ('train', 'idVal', 'ood'):
            groups = z[f'{s}_groups'] if f'{s}_groups' in z.files else None
            splits[s] = (z[f'{s}_pixels'], z[f'{s}_labels'].astype(np.int64), groups)
        return ArraySets(splits, info)


def micro_model(recipe, start, num_classes, procs):
    """The playground's model with the run's starting weights; a fresh head (the engine's
    initialiser) when the data has another number of classes than the run."""
    cfg = dict(recipe['model']['config'])
    same = cfg['numClasses'] == num_classes
    model = build(dict(cfg, numClasses=num_classes))
    sd = {k: torch.from_numpy(v) for k, v in start.items() if same or not model.is_head(k)}
    missing, unexpected = model.load_state_dict(sd, strict=False)
    if unexpected or (same and missing):
        raise SystemExit(f'start.safetensors does not fit the model: missing {missing}, unexpected {unexpected}')
    if not same:
        optim.initialise(model, torch.Generator().manual_seed(recipe['run']['seed']), groups=('head',))
    return model.to(procs.device)


@torch.no_grad()
def predict_arrays(model, pixels, norm, device, batch=256):
    model.eval()
    out = []
    for i in range(0, len(pixels), batch):
        x = torch.from_numpy(engine_batches.normalise(pixels[i:i + batch], norm['mean'], norm['std'])).to(device)
        out.append(model(x).argmax(1).cpu())
    return torch.cat(out).numpy() if out else np.zeros(0, np.int64)


def evaluate_arrays(model, sets, norm, device):
    info = sets.info
    reports = {}
    for split, weights in (('idVal', info.get('trainGroupWeights')), ('ood', None)):
        px, lab, grp = sets.splits[split]
        pred = predict_arrays(model, px, norm, device)
        reports[split] = accuracy_report(pred, lab, grp, info.get('numGroups') or 0, weights)
    return reports


def run_phase_exact(model, method, phase, recipe, sets, procs, log, state):
    """One phase (one runTraining call of the engine): its optimizer and state, its schedule over
    the whole phase, the batches EngineRng(seed) draws."""
    run, aug, norm = recipe['run'], recipe['data']['augment'], recipe['normalize']
    px, lab, _ = sets.splits['train']
    model.set_trainable(phase['freeze'])
    opt = make_optimizer(model, method, phase['lr'])
    net = procs.wrap(model)
    plan = engine_batches.EngineBatches(len(lab), run['batchSize'], phase['epochs'], run['seed'])
    last = plan.total if state['budget'] is None else min(plan.total, state['budget'])
    every = eval_every(run, plan.per_epoch)
    # This process's rows of each global batch: contiguous shards, the same on every process.
    lo, hi = procs.rank * plan.batch // procs.world, (procs.rank + 1) * plan.batch // procs.world
    # Gradual unfreezing lives inside the fine-tuning phase, as in the engine (LP-FT is two phases, phases_of).
    gradual = bool(method.get('gradualUnfreeze')) and phase['name'] == 'ft'
    if gradual and procs.dist is not None:
        raise SystemExit(f"{method['id']}: gradual unfreezing changes the trained set mid-phase; run it on one process")
    trainable = {n for n, p in model.named_parameters() if p.requires_grad}
    step = 0
    if run.get('evalAtStart', True) and phase['name'] == state['first_phase'] and last > 0:
        log.evaluate(model, step, 0, phase['name'])
    for epoch, rows in plan:
        if step >= last:
            break
        batch = px[rows]
        if run.get('augment', True):
            batch = engine_batches.augment(batch, aug['cropPadding'], aug['flip'], plan.augment_rng)
        if gradual:
            optim.apply_unfreeze(model, trainable, step, plan.total)
        lr = optim.lr_at(run['schedule'], phase['lr'], step, plan.total)
        optim.set_lr(opt, lr)
        model.train()
        x = torch.from_numpy(engine_batches.normalise(batch[lo:hi], norm['mean'], norm['std'])).to(procs.device)
        y = torch.from_numpy(lab[rows][lo:hi]).to(procs.device)
        loss = train_step(net, opt, x, y, plan.batch, procs, False)
        step += 1
        log.step(step, epoch, phase['name'], lr, loss)
        end_of_epoch = step % plan.per_epoch == 0
        if (every > 0 and step % every == 0) or (every <= 0 and end_of_epoch) or step == last:
            log.evaluate(model, step, epoch, phase['name'])
    if state['budget'] is not None:
        state['budget'] -= step
    return step


# --- logging and saving --------------------------------------------------------------------------

class MethodLog:
    """Per-step losses and evaluations of one method; printed and written on rank 0. Every
    process calls evaluate (a context may share the work out); only rank 0's reports count."""

    def __init__(self, method, procs, print_losses, evaluate):
        self.method, self.procs, self.print_losses, self._evaluate = method, procs, print_losses, evaluate
        self.steps, self.evals, self.offset, self.t0 = [], [], 0, time.time()

    def step(self, step, epoch, phase, lr, loss):
        k = self.offset + step
        self.steps.append({'step': k, 'epoch': epoch, 'phase': phase, 'lr': lr, 'loss': loss})
        if self.procs.main and self.print_losses:
            print(json.dumps({'method': self.method['id'], 'step': k, 'loss': loss, 'lr': lr}), flush=True)

    def evaluate(self, model, step, epoch, phase):
        reports = self._evaluate(model)
        if self.procs.main:
            self.evals.append({'step': self.offset + step, 'epoch': epoch, 'phase': phase, **reports})
            if not self.print_losses:
                print(f"{self.method['id']} step {self.offset + step}: ID {reports['id']:.3f}  OOD {reports['ood']:.3f}", flush=True)
        self.procs.barrier()


def json_safe(v):
    """NaN (an empty group's accuracy) and Inf as null: strict JSON, which any reader takes."""
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, dict):
        return {k: json_safe(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [json_safe(x) for x in v]
    return v


def save_weights(model, cfg, method, steps, path):
    """The state dict in the playground's checkpoint format: safetensors, PyTorch layout, F32
    (BatchNorm counters I64), metadata as the playground's own export writes it."""
    sd = {}
    for k, v in model.state_dict().items():
        a = v.detach().cpu().numpy()
        sd[k] = a.astype(np.int64) if k.endswith('num_batches_tracked') else a.astype(np.float32)
    meta = {'format': 'pt', 'method': method['id'], 'steps': str(steps)}
    if cfg is not None:
        meta['config'] = json.dumps(cfg, separators=(',', ':'))
    st_io.save(path, sd, metadata=meta)


# --- the final summary ---------------------------------------------------------------------------

def best_id(evals):
    """The evaluation with the best ID validation accuracy, the first of equals: the engine's
    early stopping (runTraining's `best`) and the "best ID" row of the playground's results table."""
    best = None
    for e in evals:
        if best is None or e['idAcc'] > best['idAcc']:
            best = e
    return best


def pct(v):
    return f'{100 * v:.1f}' if v is not None and math.isfinite(v) else '-'


def summary_lines(rows, info):
    """The playground's results table as text: per method the best-ID evaluation (its ID
    accuracy, the OOD accuracy at that step, the step), then the final one, in %."""
    metrics = [f"{k}: {info[m]}" for k, m in (('ID', 'idMetric'), ('OOD', 'oodMetric')) if info.get(m, 'accuracy') != 'accuracy']
    head = ['method', 'best ID', 'OOD at that step', 'step', 'final ID', 'final OOD', 'status']
    table = [head]
    for r in rows:
        b, f = r['best'] or {}, r['last'] or {}
        table.append([r['id'], pct(b.get('id')), pct(b.get('ood')), str(b.get('step', '-')),
                      pct(f.get('id')), pct(f.get('ood')), r['status']])
    widths = [max(len(row[i]) for row in table) for i in range(len(head) - 1)]
    lines = [f'Results, in % ({"; ".join(metrics + [""])}"best ID": the evaluation with the best ID validation accuracy, '
             "the paper's early stopping):"]
    for row in table:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:-1], widths[1:])] + [row[-1]]
        lines.append('  '.join(cells))
    return lines


# --- main ----------------------------------------------------------------------------------------

def run_method(method, recipe, args, procs, context):
    """Trains one method from the starting weights through its phases; writes its weights and
    log. Returns its row of the final summary (rank 0's evaluations; other ranks have none)."""
    if method.get('gradualUnfreeze') and not isinstance(context, MicroContext):
        raise SystemExit(f"{method['id']}: gradual unfreezing needs the micro model's layers (--model micro)")
    model, evaluate, run_phase, cfg = context.start(method)
    log = MethodLog(method, procs, args.print_losses, evaluate)
    phases = phases_of(method, recipe['run']['epochs'])
    cap = args.max_steps if args.max_steps is not None else recipe['run'].get('maxSteps')  # the playground's step cap
    state = {'budget': cap, 'first_phase': phases[0]['name']}
    status = 'finished'
    for phase in phases:
        log.offset = len(log.steps)
        try:
            run_phase(model, method, phase, recipe, procs, log, state)
        except Diverged as e:
            status = f'diverged at step {len(log.steps) + 1}: {e}'
            break
        if state['budget'] is not None and state['budget'] <= 0:
            break
    if procs.main:
        os.makedirs(args.out, exist_ok=True)
        save_weights(model, cfg, method, len(log.steps), os.path.join(args.out, f"{method['id']}.safetensors"))
        with open(os.path.join(args.out, f"{method['id']}.json"), 'w') as f:
            json.dump(json_safe({'method': method, 'status': status, 'steps': log.steps, 'evals': log.evals,
                                 'seconds': round(time.time() - log.t0, 1), 'processes': procs.world}), f, allow_nan=False)
        print(f"{method['id']}: {status} after {len(log.steps)} steps, weights in {args.out}/{method['id']}.safetensors", file=sys.stderr)
    procs.barrier()
    return {'id': method['id'], 'status': status, 'steps': len(log.steps), 'best': best_id(log.evals),
            'last': log.evals[-1] if log.evals else None}


class MicroContext:
    """The playground's model on in-memory arrays, batches drawn as the engine draws them."""

    def __init__(self, recipe, args, procs):
        self.recipe, self.procs = recipe, procs
        info = dict(recipe['data'])
        if args.data == 'npz':
            self.sets = ArraySets.from_npz(os.path.join(HERE, 'data.npz'), info)
        elif args.data.startswith('folder:'):
            import real_scale
            size = recipe['model']['config']['imageSize']
            splits, names = real_scale.folder_arrays(args.data[len('folder:'):], size)
            info.update(numClasses=len(names), classNames=names, numGroups=0, trainGroupWeights=None,
                        idMetric='accuracy', oodMetric='accuracy')
            self.sets = ArraySets(splits, info)
        else:
            raise SystemExit('the micro models take --data npz or folder:<dir>; use --model timm:<name> for WILDS')
        start, _ = st_io.load(os.path.join(HERE, 'start.safetensors'), 'start.safetensors')
        self.start_sd = st_io.check_roles(start, 'start.safetensors')

    def start(self, method):
        info, norm = self.sets.info, self.recipe['normalize']
        model = micro_model(self.recipe, self.start_sd, info['numClasses'], self.procs)

        def evaluate(m):
            if not self.procs.main:
                return None  # a few hundred images: rank 0 alone
            reps = evaluate_arrays(m, self.sets, norm, self.procs.device)
            return {'id': metric(reps['idVal'], info['idMetric']), 'ood': metric(reps['ood'], info['oodMetric']),
                    'idAcc': reps['idVal']['accuracy'], 'oodAcc': reps['ood']['accuracy'], 'reports': reps}

        def run_phase(model_, method_, phase, recipe, procs, log, state):
            return run_phase_exact(model_, method_, phase, recipe, self.sets, procs, log, state)

        return model, evaluate, run_phase, model.cfg


def main(argv=None):
    args = parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    with open(args.recipe) as f:
        recipe = json.load(f)
    run = recipe['run']
    if args.epochs is not None:
        run['epochs'] = args.epochs
    if args.batch_size is not None:
        run['batchSize'] = args.batch_size
    procs = Procs(args.device)
    try:
        if args.model == 'micro':
            context = MicroContext(recipe, args, procs)
        elif args.model.startswith('timm:'):
            import real_scale
            context = real_scale.TimmContext(recipe, args, procs, sys.modules[__name__])
        else:
            raise SystemExit(f"--model {args.model!r}: use 'micro' or 'timm:<name>'")
        rows = [run_method(method, recipe, args, procs, context) for method in methods_of(recipe, args.methods, args.lr)]
        if procs.main:
            # Under --print-losses stdout is JSON lines: the table goes to stderr then.
            # The metrics the evaluations used: the benchmark's on its own images, accuracy on others.
            info = context.sets.info if isinstance(context, MicroContext) else recipe['data'] if args.data == 'npz' else {}
            print('\n'.join(summary_lines(rows, info)), file=sys.stderr if args.print_losses else sys.stdout, flush=True)
    finally:
        procs.close()


if __name__ == '__main__':
    main()
