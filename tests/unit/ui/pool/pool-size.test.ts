/** The pool's size: auto is one worker per core, capped by the runs and by the memory budget; an explicit count that cannot fit is refused with the reason. */
import { describe, expect, it } from 'vitest';
import {
  memoryBudget,
  poolSize,
  TRAIN_BYTES_PER_METHOD,
  WORKER_BASE_BYTES,
  workerBytes,
} from '../../../../src/ui/pool/pool-size';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const budget = { bytes: 1 * GiB, source: 'test budget' };

describe('poolSize', () => {
  it('auto: one worker per core, not one fewer', () => {
    expect(poolSize({ asked: 0, cores: 4, units: 12, perWorkerBytes: 100 * MiB, budget })).toEqual({
      size: 4,
      note: null,
      refused: false,
    });
    expect(poolSize({ asked: 0, cores: 2, units: 12, perWorkerBytes: null, budget }).size).toBe(2);
  });

  it('never more workers than runs', () => {
    expect(
      poolSize({ asked: 0, cores: 16, units: 3, perWorkerBytes: 100 * MiB, budget }).size,
    ).toBe(3);
    const p = poolSize({ asked: 8, cores: 2, units: 3, perWorkerBytes: 100 * MiB, budget });
    expect(p.size).toBe(3);
    expect(p.note).toMatch(/3 parallel workers, not 8: there are only 3 runs/);
  });

  it('an explicit count is honoured beyond the cores when it fits', () => {
    expect(poolSize({ asked: 6, cores: 2, units: 12, perWorkerBytes: 100 * MiB, budget })).toEqual({
      size: 6,
      note: null,
      refused: false,
    });
  });

  it('an explicit count that does not fit is refused with the reason, and the most that fit run', () => {
    const p = poolSize({ asked: 8, cores: 8, units: 12, perWorkerBytes: 300 * MiB, budget });
    expect(p.size).toBe(3); // 1024 / 300
    expect(p.refused).toBe(true);
    expect(p.note).toBe(
      '8 parallel workers refused: 8 workers need about 2400 MiB (300 MiB each, measured), more than the memory budget of 1024 MiB, test budget. Running 3 instead, the most that fit.',
    );
  });

  it('auto picks what fits, and says why it is fewer than the cores', () => {
    const p = poolSize({ asked: 0, cores: 8, units: 12, perWorkerBytes: 400 * MiB, budget });
    expect(p).toMatchObject({ size: 2, refused: false });
    expect(p.note).toMatch(/^2 parallel workers, not 8: .*more than the memory budget of 1024 MiB/);
  });

  it('one worker always runs, even when one does not fit the budget', () => {
    expect(poolSize({ asked: 0, cores: 4, units: 4, perWorkerBytes: 2 * GiB, budget }).size).toBe(
      1,
    );
  });
});

describe('memoryBudget and workerBytes', () => {
  it('a quarter of navigator.deviceMemory, else 1 GiB assumed, saying so', () => {
    expect(memoryBudget(8)).toEqual({ bytes: 2 * GiB, source: "a quarter of this device's 8 GiB" });
    expect(memoryBudget(0.5).bytes).toBe(128 * MiB);
    for (const none of [undefined, 0, Number.NaN])
      expect(memoryBudget(none)).toEqual({
        bytes: GiB,
        source: "1 GiB (the browser does not tell this device's memory)",
      });
  });

  it('a worker: base + tensors while training (held + an allowance per method, or the heap high-water mark) + its JS', () => {
    // After a load on wasm: the heap is small, the allowance decides.
    expect(
      workerBytes({ tfBytes: 1000, wasmHeapBytes: 16 * MiB, dataBytes: 500, weightBytes: 800 }, 4),
    ).toBe(WORKER_BASE_BYTES + 1000 + 4 * TRAIN_BYTES_PER_METHOD + 1300);
    // After a run: the heap's high-water mark already holds the training's peak.
    expect(
      workerBytes({ tfBytes: 0, wasmHeapBytes: 900 * MiB, dataBytes: 500, weightBytes: 800 }, 4),
    ).toBe(WORKER_BASE_BYTES + 900 * MiB + 1300);
    expect(
      workerBytes({ tfBytes: 3000, dataBytes: 0, weightBytes: 0, jsHeapBytes: 9 * MiB }, 1),
    ).toBe(WORKER_BASE_BYTES + 3000 + TRAIN_BYTES_PER_METHOD + 9 * MiB);
  });
});
