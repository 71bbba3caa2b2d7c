"""Per-layer statistics as the engine computes them: gradient norms and the paper's
embedding / largest-middle-layer ratio (src/core/metrics/grad-norms.ts), and weight drift from
the start of fine-tuning (src/core/metrics/drift.ts). Layers are the model's own (its specs)."""
import math


def per_layer_sq(model, grads):
    """grads: dict name -> gradient tensor. Returns dict layer -> summed squared norm."""
    out = {}
    for n, g in grads.items():
        layer = model.layer_of(n)
        out[layer] = out.get(layer, 0.0) + float((g.double() ** 2).sum())
    return out


def embed_to_max_middle(model, per_layer):
    """First layer's norm / the largest body-layer norm (embedToMaxMiddleRatio)."""
    mids = [per_layer[layer] for layer in model.layers if model.group_of_layer(layer) == 'body' and layer in per_layer]
    return per_layer[model.layers[0]] / max(mids)


def layer_drift(model, w0):
    """||w - w0|| / ||w0|| per layer (layerDrift). w0: dict name -> the starting weights."""
    num, den = {}, {}
    for n, p in model.named_parameters():
        layer = model.layer_of(n)
        num[layer] = num.get(layer, 0.0) + float(((p.detach() - w0[n]) ** 2).sum())
        den[layer] = den.get(layer, 0.0) + float((w0[n] ** 2).sum())
    return {layer: math.sqrt(num[layer] / max(den[layer], 1e-30)) for layer in num}
