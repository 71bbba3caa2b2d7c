/**
 * The paper's other methods as the page sends them (settings -> methodSpecs -> the worker's
 * export): the exported project's train.py trains gradual unfreezing, LP-FT (with
 * freeze-embed; its head-only epochs, then the run's, as two phases), the embedding rate multiplier, LAMB and LARS as the engine does. Per-step losses
 * and the saved weights' eval-mode logits must equal the engine's within 1e-4 (as
 * pytorch-project.test.ts checks the grid's methods).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTwinSources } from '../../../src/cli/export-pytorch/build';
import { BenchmarkCache, checkpointBytes, loadManifest } from '../../../src/cli/experiment/load';
import type { CheckpointEntry } from '../../../src/cli/experiment/run-one';
import { useCpuBackend } from '../../../src/cli/node-backend';
import { hasTorch, PYTHON } from '../../../src/cli/python';
import { loadCheckpoint, loadForNewTask } from '../../../src/core/checkpoint/checkpoint';
import { ModelInstance } from '../../../src/core/models/instance';
import { buildModel } from '../../../src/core/models/build-model';
import { Rng } from '../../../src/core/rng';
import type { ModelConfig } from '../../../src/spec/model-config';
import { DEFAULT_NORMALIZE, makeBatch } from '../../../src/core/train/batch';
import { runTraining } from '../../../src/core/train/run';
import type { MethodSpec, RunSpec } from '../../../src/protocol/messages';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { methodSpecs } from '../../../src/ui/settings/to-commands';
import { sessionProject } from '../../../src/worker/export-project';

const TOL = 1e-4;
const torch = hasTorch();
if (!torch && process.env.CI)
  throw new Error('CI needs Debian python3-torch for the exported-project test');
let root: string;

beforeAll(async () => {
  await useCpuBackend();
  root = mkdtempSync(join(tmpdir(), 'ftp-other-methods-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function unzipTo(zip: Uint8Array): string {
  let folder = '';
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    folder = join(root, path.split('/')[0] as string);
  }
  return folder;
}

/** The engine's run of one method of the page's run, as RunController starts it; its step losses. */
async function engineLosses(
  model: ModelInstance,
  sets: Parameters<typeof runTraining>[1],
  run: RunSpec,
  m: MethodSpec,
): Promise<number[]> {
  const losses: number[] = [];
  const r = await runTraining(
    model,
    sets,
    {
      optimizer: m.optimizer,
      schedule: run.schedule,
      freeze: m.freeze,
      ...(m.lrScale ? { lrScale: m.lrScale } : {}),
      ...(m.gradualUnfreeze ? { gradualUnfreeze: true } : {}),
      ...(m.linearProbe ? { linearProbe: m.linearProbe } : {}), // LP-FT: head-only epochs before the run's (train.py: two phases)
      epochs: run.epochs,
      batchSize: run.batchSize,
      seed: run.seed,
      evalEvery: run.evalEvery,
    },
    { onEvent: (e) => void (e.type === 'step' && losses.push(e.loss)) },
  );
  expect(r.type).toBe('done');
  return losses;
}

describe.skipIf(!torch)("the paper's other methods in an exported project", () => {
  it('train.py reproduces the engine for gradual unfreezing, LP-FT (+freeze-embed), the embedding multiplier, LAMB and LARS', async () => {
    const entry = (await loadManifest()).find((m) => m.name === 'vit-adamw') as CheckpointEntry;
    const data = await new BenchmarkCache().get('acquisition', {
      seed: 2,
      trainPerClass: 2,
      valPerClass: 1,
      oodPerClass: 1,
    });
    const config = { ...entry.config, numClasses: data.sets.train.numClasses } as ModelConfig;
    const start = loadForNewTask(
      buildModel(config),
      await checkpointBytes(entry),
      new Rng(2),
      entry.file,
    );
    const lm = { config, def: start.def, weights: await start.readAll() };
    start.dispose();
    const c = {
      ...defaultSettings(),
      methods: ['gradual-unfreeze', 'lamb', 'lars', 'sgd-embed-lr0.2', 'lp-ft-freeze'],
      embedLr: 0.3,
      lrSgdm: 0.02,
    };
    const methods = methodSpecs(c);
    expect(methods.map((m) => m.id)).toEqual(c.methods);
    const run: RunSpec = {
      methods,
      schedule: { kind: 'cosine' },
      epochs: 2,
      batchSize: 4,
      seed: 2,
      evalEvery: 0,
      augment: false,
    };
    const dir = unzipTo(
      sessionProject(
        lm,
        data,
        run,
        { kind: 'pretrained', name: entry.name, seed: 2 },
        readTwinSources(),
      ).zip,
    );
    const r = spawnSync(PYTHON, ['train.py', '--threads', '1'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 240_000,
    });
    if (r.status !== 0) throw new Error(`train.py failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
    for (const m of methods) {
      const model = ModelInstance.fromValues(lm.def, lm.weights);
      try {
        const losses = await engineLosses(model, data.sets, run, m);
        const log = JSON.parse(readFileSync(join(dir, 'out', `${m.id}.json`), 'utf8')) as {
          steps: { loss: number }[];
        };
        expect(log.steps.map((s) => s.loss)).toHaveLength(losses.length);
        const diff = Math.max(
          ...losses.map((l, i) => Math.abs(l - (log.steps[i]?.loss as number))),
        );
        expect(diff, `${m.id}: max |loss - engine|`).toBeLessThan(TOL);
        const back = loadCheckpoint(
          lm.def,
          new Uint8Array(readFileSync(join(dir, 'out', `${m.id}.safetensors`))),
          new Rng(0),
          { what: m.id },
        ).model;
        const set = data.sets.idVal;
        const { x, y } = makeBatch(
          set,
          Array.from({ length: set.n }, (_, i) => i),
          DEFAULT_NORMALIZE,
        );
        const d = tf.tidy(() =>
          tf.max(
            tf.abs(
              tf.sub(
                model.def.forward(model.params, x, false).logits,
                back.def.forward(back.params, x, false).logits,
              ),
            ),
          ),
        );
        const logits = (await d.data())[0] as number;
        tf.dispose([x, y, d]);
        back.dispose();
        expect(logits, `${m.id}: eval logits of the saved weights`).toBeLessThan(TOL);
        console.log(
          `${m.id}: ${losses.length} steps, max |loss - engine| ${diff.toExponential(2)}, logits ${logits.toExponential(2)}`,
        );
      } finally {
        model.dispose();
      }
    }
  }, 300_000);
});
