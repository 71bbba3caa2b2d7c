import { describe, expect, it } from 'vitest';
import { NonFiniteError } from '../../../src/core/train/errors';
import { CheckpointError } from '../../../src/core/checkpoint/names';
import { advice, classify, DeviceLostError } from '../../../src/worker/faults';
import { PauseGate } from '../../../src/worker/pause-gate';

describe('fault classification', () => {
  it.each([
    [new NonFiniteError('head.weight', 3, NaN), 'diverged'],
    [new DeviceLostError('gone'), 'device-lost'],
    [new Error('GPUDevice was destroyed'), 'device-lost'],
    [new CheckpointError('bad'), 'bad-checkpoint'],
    [new Error('Failed to allocate buffer: out of memory'), 'out-of-memory'],
    [new Error('something else'), 'internal'],
  ] as const)('%s -> %s', (err, kind) => {
    expect(classify(err)).toBe(kind);
    expect(advice(kind)).toMatch(/\w/);
  });

  it('out of memory advises a smaller batch', () => {
    expect(advice('out-of-memory')).toMatch(/batch size/);
  });
});

describe('PauseGate', () => {
  it('blocks wait() while paused', async () => {
    const g = new PauseGate();
    await g.wait();
    g.pause();
    let passed = false;
    const p = g.wait().then(() => (passed = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(passed).toBe(false);
    g.resume();
    await p;
    expect(passed).toBe(true);
  });
});
