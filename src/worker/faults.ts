/** Sorting failures into the kinds the UI explains differently. */
import {
  toWireError,
  type BackendName,
  type ErrorKind,
  type WorkerEvent,
} from '../protocol/messages';

export type ErrorReport = Extract<WorkerEvent, { type: 'error' }>;

export class DeviceLostError extends Error {
  override readonly name = 'DeviceLostError';
}

export class BadDataError extends Error {
  override readonly name = 'BadDataError';
}

export class BadCheckpointError extends Error {
  override readonly name = 'BadCheckpointError';
}

const DEVICE_LOST =
  /device (is |was |has been )?(lost|destroyed)|destroyed device|GPUDevice.*(lost|destroyed)|Instance dropped/i;
const OOM =
  /out of memory|\bOOM\b|failed to allocate|allocation failed|exceeds? (the )?(maximum|max) (buffer|texture)|GPUOutOfMemory/i;

export function classify(e: unknown): ErrorKind {
  const err = e as { name?: string; message?: string };
  const name = err?.name ?? '';
  const message = err?.message ?? String(e);
  if (name === 'NonFiniteError') return 'diverged';
  if (name === 'DeviceLostError' || DEVICE_LOST.test(message)) return 'device-lost';
  if (name === 'BadDataError' || name === 'ImportError') return 'bad-data';
  if (name === 'BadCheckpointError' || name === 'CheckpointError') return 'bad-checkpoint';
  if (OOM.test(message)) return 'out-of-memory';
  return 'internal';
}

/** One sentence for the user on what to do next, per kind. */
export function advice(kind: ErrorKind): string {
  switch (kind) {
    case 'out-of-memory':
      return 'The GPU ran out of memory: lower the batch size or pick a smaller model, then start again.';
    case 'device-lost':
      return 'The GPU device was lost. The run history and the last weight snapshot are kept: continue on another backend.';
    case 'diverged':
      return 'Training diverged: lower the learning rate and start again.';
    case 'bad-data':
      return 'The dataset could not be used; see the message for which file or class.';
    case 'bad-checkpoint':
      return 'The checkpoint could not be loaded; see the message for which tensor.';
    case 'backend':
      return 'No compute backend could start in this browser.';
    case 'internal':
      return 'Something unexpected failed; the message says where.';
  }
}

/**
 * A failure as the event the page shows: its kind, the message with what to do next (a
 * diverged run's message already says it), and whatever the caller knows (the request it
 * answers, the method, the step). Only a lost device is recoverable.
 */
export function errorReport(e: unknown, extra: Partial<ErrorReport> = {}): ErrorReport {
  const kind = classify(e);
  const error = toWireError(e);
  if (kind !== 'diverged') error.message = `${error.message} ${advice(kind)}`;
  return { type: 'error', kind, error, recoverable: kind === 'device-lost', ...extra };
}

/** Backends a run can continue on after a lost WebGPU device. */
export const AFTER_LOSS: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** A lost device as the page shows it: recoverable, from `snapshotStep`, on `AFTER_LOSS`. */
export function lossReport(why: string, snapshotStep: number | undefined): ErrorReport {
  return errorReport(new DeviceLostError(`The WebGPU device was lost (${why}).`), {
    recoverable: true,
    alternatives: [...AFTER_LOSS],
    ...(snapshotStep !== undefined ? { snapshotStep } : {}),
  });
}
