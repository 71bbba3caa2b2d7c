/**
 * Each architecture against PyTorch (fixtures from tools/torch_twin/fixtures/parity.py):
 * train- and eval-mode logits and the loss within 1e-4 relative error, every parameter's
 * gradient within 1e-3, and BatchNorm running statistics after a training forward.
 * Relative error is norm-wise: ||ours - torch|| / ||torch||.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../src/cli/node-backend';
import { fromStateDict } from '../../src/core/checkpoint/names';
import { lossAndGrads } from '../../src/core/train/step';
import { toFloat32 } from '../../src/core/checkpoint/safetensors';
import {
  inputNHWC,
  labels,
  loadFixture,
  modelFrom,
  relErr,
  tensorOf,
  withPrefix,
} from '../helpers/fixtures';

// Both CPU-side backends: tfjs's JS CPU backend (the reference) and tfjs-backend-wasm (the fast
// path without a GPU), which runs tfjs's kernels and the engine's conv gradients in XNNPACK.
describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });
  afterAll(async () => {
    await useBackend('cpu');
  });
  describe.each(['vit', 'convnext', 'resnet'])('%s matches PyTorch', (family) => {
    const f = loadFixture(`model-${family}.safetensors`);

    it('eval-mode logits', async () => {
      const model = modelFrom(f);
      const x = inputNHWC(f, 'input');
      const logits = tf.tidy(() => model.def.forward(model.params, x, false).logits);
      expect(relErr(await logits.data(), toFloat32(tensorOf(f, 'eval_logits')))).toBeLessThan(1e-4);
      tf.dispose([logits, x]);
      model.dispose();
    });

    it('train-mode logits, loss and every gradient', async () => {
      const model = modelFrom(f);
      const x = inputNHWC(f, 'input');
      const y = labels(f, 'labels');
      const names = model.trainableNames(new Set());
      const logits = tf.tidy(() => {
        const out = model.def.forward(model.params, x, true);
        for (const b of out.bufferUpdates.values()) b.dispose();
        return out.logits;
      });
      expect(relErr(await logits.data(), toFloat32(tensorOf(f, 'logits')))).toBeLessThan(1e-4);
      const lg = lossAndGrads(model, names, x, y, true);
      expect(
        relErr([(await lg.loss.data())[0] as number], toFloat32(tensorOf(f, 'loss'))),
      ).toBeLessThan(1e-4);

      const torchGrads = fromStateDict(f.def, withPrefix(f, 'grad.'), {
        skip: (n) => model.spec(n).kind === 'buffer',
      });
      expect(lg.grads.size).toBe(names.length);
      for (const n of names) {
        const g = lg.grads.get(n) as tf.Tensor;
        const err = relErr(await g.data(), torchGrads.get(n) as Float32Array);
        expect(err, `gradient of ${n}`).toBeLessThan(1e-3);
      }
      // BatchNorm statistics after one training-mode forward (ResNet only has buffers).
      const after = fromStateDict(f.def, withPrefix(f, 'after.'), {
        skip: (n) => model.spec(n).kind !== 'buffer',
      });
      for (const [n, v] of lg.bufferUpdates) {
        expect(relErr(await v.data(), after.get(n) as Float32Array), `buffer ${n}`).toBeLessThan(
          1e-4,
        );
      }
      expect(lg.bufferUpdates.size).toBe(f.def.specs.filter((s) => s.kind === 'buffer').length);
      tf.dispose([logits, x, y, lg.loss, ...lg.grads.values(), ...lg.bufferUpdates.values()]);
      model.dispose();
    });
  });
});
