/**
 * The PyTorch side of conv-gflops.ts, run as `python3 -c` with one JSON argument
 * {convs, n, reps}: each conv layer on one thread (NCHW, float32), the fastest of `reps` runs
 * of the forward and of forward + backward (dx unless inputGrad is false, and dW); prints a
 * JSON list of [forward ms, forward + backward ms]. Kept beside the bench that runs it.
 */
export const CONV_TORCH_PY = `
import json, sys, time
import torch
import torch.nn.functional as F
torch.set_num_threads(1)
a = json.loads(sys.argv[1])
n, reps = a['n'], a['reps']
def fastest(f):
    best = float('inf')
    for i in range(reps + 1):
        t = time.perf_counter(); f(); ms = (time.perf_counter() - t) * 1000
        if i > 0: best = min(best, ms)
    return best
out = []
for c in a['convs']:
    x = torch.randn(n, c['cin'], c['h'], c['h'], requires_grad=c['inputGrad'])
    w = torch.randn(c['cout'], c['cin'], c['k'], c['k'], requires_grad=True)
    conv = lambda: F.conv2d(x, w, stride=c['stride'], padding=c['pad'])
    with torch.no_grad():
        fwd = fastest(conv)
    def both():
        x.grad = None; w.grad = None
        conv().sum().backward()
    out.append([fwd, fastest(both)])
print(json.dumps(out))
`;
