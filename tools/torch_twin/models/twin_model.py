"""What every twin model owns besides its forward pass, read from the engine's specs
(specs.json) rather than re-typed: its layers in forward order, each tensor's layer and group
(embed / body / head), initialiser and weight-decay flag, and freezing by group."""
import torch.nn as nn

from .. import specs


class TwinModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.spec = specs.model_spec(cfg)

    @property
    def layers(self):
        """Layers in forward order (ModelDef.layers): the first is the paper's embedding layer."""
        return self.spec.layers

    def tensor_spec(self, name):
        return self.spec.tensor(name)

    def layer_of(self, name):
        return self.spec.tensor(name).layer

    def group_of(self, name):
        return self.spec.tensor(name).group

    def group_of_layer(self, layer):
        return self.spec.groups[layer]

    def is_embed(self, name):
        """In the group freeze-embed freezes (the config's `embed` option)."""
        return self.group_of(name) == 'embed'

    def is_head(self, name):
        """The final linear layer: LP-FT trains it alone first; a task gets a fresh one."""
        return self.group_of(name) == 'head'

    def decays(self, name):
        """Weight decay applies (not on 1-D params, cls token, position embedding)."""
        return self.spec.tensor(name).decay

    def head_names(self):
        return [n for n, _ in self.named_parameters() if self.is_head(n)]

    def set_trainable(self, frozen_groups):
        """requires_grad per group: a frozen parameter gets no gradient and, left out of the
        param groups, no optimizer state (as the engine)."""
        for name, p in self.named_parameters():
            p.requires_grad_(self.group_of(name) not in frozen_groups)
