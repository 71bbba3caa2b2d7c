"""Reads bench_step's output (a `ready` line, then one step's ms per line, models in order) and
prints, per model, the first step and the median of the rest, as markdown and JSON lines."""
import json
import statistics
import sys

models, batch, steps = sys.argv[1].split(','), int(sys.argv[2]), int(sys.argv[3])
lines = [l.strip() for l in sys.stdin if l.strip()]
device = lines[0].replace('ready ', '')
times = [float(t) for t in lines[1:]]
print(f'\n## PyTorch CUDA eager ({device})\n')
print('| model | batch | first step ms | steady step ms (median) |')
print('|---|---|---|---|')
rows = []
for i, m in enumerate(models):
    ts = times[i * (steps + 1):(i + 1) * (steps + 1)]
    row = {'family': m, 'batch': batch, 'firstStepMs': ts[0], 'stepMs': statistics.median(ts[1:]), 'backend': 'torch-cuda', 'device': device}
    rows.append(row)
    print(f"| {m} | {batch} | {ts[0]:.0f} | {row['stepMs']:.1f} |")
print()
for r in rows:
    print(json.dumps(r))
