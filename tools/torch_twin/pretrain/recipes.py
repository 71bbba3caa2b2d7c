"""How each shipped checkpoint was pretrained: the runs, their augmentation and the pool."""
from .. import specs

POOL_SEED = 0
NUM_CLASSES = 20  # the pool: 10 Fashion-MNIST classes + 10 digits

AUG = dict(cropPadding=2, flip='Fashion-MNIST classes only (labels 0-9); never digits')

# name -> recipe. Optimizers follow torch.optim; weight decay only where the engine's specs
# say so (not on 1-D params, cls token, position embedding).
RUNS = {
    'vit-adamw': dict(family='vit', optimizer='adamw', lr=1e-3, weightDecay=0.05, betas=[0.9, 0.999], epochs=10, batch=128,
                      warmupFraction=0.05, seed=1),
    'convnext-adamw': dict(family='convnext', optimizer='adamw', lr=2e-3, weightDecay=0.05, betas=[0.9, 0.999], epochs=6,
                           batch=128, warmupFraction=0.05, seed=2),
    'resnet-sgd': dict(family='resnet', optimizer='sgd', lr=0.1, momentum=0.9, nesterov=False, weightDecay=5e-4, epochs=6,
                       batch=128, warmupFraction=0.05, seed=3),
    'resnet-adamw': dict(family='resnet', optimizer='adamw', lr=2e-3, weightDecay=0.05, betas=[0.9, 0.999], epochs=6,
                         batch=128, warmupFraction=0.05, seed=4),
}


def config_of(run):
    """The engine's default micro config of the run's family, with the pool's 20 classes
    (tests/parity/checkpoints.test.ts checks the manifest's equal defaultConfig(family, {numClasses: 20})), with
    the run's `configOverrides` where it has some (the family's patch-14 ViT: a config of twin-configs.ts's set 'family')."""
    return specs.config('default', run['family'], numClasses=NUM_CLASSES, **run.get('configOverrides', {}))


def schedule_of(run, total_steps):
    """Linear warm-up over warmupFraction of the steps (at least one), then cosine to 0."""
    return {'kind': 'warmup-cosine', 'warmupSteps': max(1, int(round(run['warmupFraction'] * total_steps)))}
