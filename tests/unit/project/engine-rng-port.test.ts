/**
 * The PyTorch twin's port of the engine's generator and batch plan (tools/torch_twin/engine_rng.py,
 * engine_batches.py) draws exactly what the engine draws: the same uniforms, forks, shuffles,
 * epoch orders, and crop offsets and mirrors of augmentBatch, bit for bit. An exported project
 * relies on it to train on the engine's very batches.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PYTHON } from '../../../src/cli/python';
import { Rng } from '../../../src/core/rng';
import { augmentBatch } from '../../../src/data/augment';

const TOOLS = fileURLToPath(new URL('../../../tools/', import.meta.url));
const numpy = spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
if (!numpy && process.env.CI) throw new Error('CI needs Debian python3-numpy');

function python(code: string): unknown {
  const r = spawnSync(PYTHON, ['-c', code], { cwd: TOOLS, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const SEEDS = [0, 1, 7, 123456789, 4294967295, -3];

describe.skipIf(!numpy)('the engine Rng in Python', () => {
  it('draws the same uniforms, integers, forks and shuffles', () => {
    const ts = SEEDS.map((seed) => {
      const r = new Rng(seed);
      const a = r.fork(1);
      const b = r.fork(2);
      return {
        u: Array.from({ length: 20 }, () => r.next()),
        i: Array.from({ length: 20 }, () => a.int(5)),
        s: Array.from(b.shuffle(Int32Array.from({ length: 50 }, (_, k) => k))),
      };
    });
    const py = python(`import json
from torch_twin.engine_rng import EngineRng
out = []
for seed in ${JSON.stringify(SEEDS)}:
    r = EngineRng(seed); a = r.fork(1); b = r.fork(2)
    out.append({'u': [r.next() for _ in range(20)], 'i': [a.int(5) for _ in range(20)], 's': b.shuffle(list(range(50)))})
print(json.dumps(out))`);
    expect(py).toEqual(ts);
  });

  it('plans the epochs and augments a batch as the engine does (crops, mirrors, edge padding)', () => {
    // runTraining: orderRng = Rng(seed).fork(1) shuffles each epoch; augRng = fork(2) augments.
    const n = 11;
    const batch = 4;
    const rng = new Rng(9);
    const order = rng.fork(1);
    const aug = rng.fork(2);
    const epochs = [0, 1, 2].map(() =>
      Array.from(order.shuffle(Int32Array.from({ length: n }, (_, k) => k))).slice(0, 2 * batch),
    );
    const px = Uint8Array.from({ length: batch * 6 * 5 * 3 }, (_, k) => (k * 37) % 251);
    const ts = {
      epochs,
      flip: Array.from(augmentBatch(px, batch, 6, 5, 3, { cropPadding: 2, flip: true }, aug)),
      plain: Array.from(augmentBatch(px, batch, 6, 5, 3, { cropPadding: 1, flip: false }, aug)),
    };
    const py = python(`import json
import numpy as np
from torch_twin.engine_batches import EngineBatches, augment
plan = EngineBatches(${n}, ${batch}, 3, 9)
epochs = {}
for e, rows in plan:
    epochs.setdefault(e, []).extend(int(r) for r in rows)
px = (np.arange(${batch} * 6 * 5 * 3) * 37 % 251).astype(np.uint8).reshape(${batch}, 6, 5, 3)
flip = augment(px, 2, True, plan.augment_rng)
plain = augment(px, 1, False, plan.augment_rng)
print(json.dumps({'epochs': [epochs[e] for e in range(3)], 'flip': flip.flatten().tolist(), 'plain': plain.flatten().tolist()}))`);
    expect(py).toEqual(ts);
  });
});
