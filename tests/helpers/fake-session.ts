/**
 * A Session in Node with fake ports: a fake WebGPU device that a test can destroy, a model
 * loader a test can hold (to keep the session loading), the shards of public/data, the Node PNG
 * decoder. Records every event the session posts.
 */
import { encode } from 'fast-png';
import { decodePngFast } from '../../src/data/import/fast-png-decoder';
import { nodeByteSource } from '../../src/data/node-source';
import { REPLY_TYPE } from '../../src/protocol/messages';
import type {
  BackendName,
  Command,
  DataSource,
  ModelSource,
  RunSpec,
  WorkerEvent,
} from '../../src/protocol/messages';
import type { GpuDeviceLike } from '../../src/worker/backend';
import { loadModel } from '../../src/worker/load-model';
import { Session } from '../../src/worker/session';
import type { SessionPorts } from '../../src/worker/session-ports';
import { tintedSplits } from './synthetic';

/** A WebGPU device whose loss a test triggers (as `test:lose-device` or a driver reset would). */
export class FakeDevice implements GpuDeviceLike {
  readonly lost: Promise<{ reason?: string; message?: string }>;
  private resolveLost: (info: { reason?: string; message?: string }) => void = () => undefined;

  constructor() {
    this.lost = new Promise((res) => (this.resolveLost = res));
  }

  destroy(): void {
    this.resolveLost({ reason: 'destroyed', message: 'the device was destroyed' });
  }
}

import { TINY_VIT } from './tiny-vit';

export { TINY_VIT };
export const MODEL: ModelSource = { kind: 'scratch', config: TINY_VIT, seed: 1 };
/** Three tinted classes of 14x14 images (helpers/synthetic.ts), trained on as own images. */
export const DATA: DataSource = {
  benchmark: 'own-images',
  seed: 0,
  images: tintedSplits(14, 3, 1),
};

export function runSpec(overrides: Partial<RunSpec> = {}): RunSpec {
  return {
    methods: [
      {
        id: 'adamw',
        label: 'AdamW',
        optimizer: {
          kind: 'adamw',
          lr: 1e-3,
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          weightDecay: 0.01,
        },
        freeze: [],
      },
    ],
    schedule: { kind: 'constant' },
    epochs: 100_000, // far longer than any test waits: a test stops it
    batchSize: 8,
    seed: 0,
    evalEvery: 1000,
    augment: false,
    ...overrides,
  };
}

/** A 2x2 PNG of one grey level. */
export const png = (v: number): Uint8Array<ArrayBuffer> =>
  encode({
    width: 2,
    height: 2,
    data: new Uint8Array(12).fill(v),
    channels: 3,
    depth: 8,
  }) as Uint8Array<ArrayBuffer>;

export class FakeSession {
  /** Every session made, so a test's end can stop whatever run a failed assertion left going. */
  private static readonly made: FakeSession[] = [];

  static async settleAll(): Promise<void> {
    const all = FakeSession.made.splice(0);
    await Promise.all(all.map((h) => h.settle().catch(() => undefined)));
  }

  readonly events: WorkerEvent[] = [];
  readonly selects: { forced?: BackendName; exclude: readonly BackendName[] }[] = [];
  released = 0;
  device: FakeDevice | null = null;
  /** While set, loadModel waits for it: the session stays 'loading' until `letLoad()`. */
  private hold: Promise<void> | null = null;
  private release: () => void = () => undefined;
  /** While set, loadModel throws it (a missing or corrupt checkpoint). */
  modelError: Error | null = null;
  readonly session: Session;
  private nextId = 1;

  constructor() {
    const ports: SessionPorts = {
      selectBackend: async (forced, exclude = []) => {
        this.selects.push({ ...(forced ? { forced } : {}), exclude });
        // No real GPU in Node: 'webgpu' is a label over tfjs's cpu backend, with a fake device.
        const name = forced ?? 'webgpu';
        this.device = name === 'webgpu' ? new FakeDevice() : null;
        return { name };
      },
      device: () => this.device,
      shardSource: () => nodeByteSource(),
      loadModel: async (src, numClasses, baseUrl) => {
        if (this.hold) await this.hold;
        if (this.modelError) throw this.modelError;
        return loadModel(src, numClasses, baseUrl);
      },
      decodeImage: decodePngFast,
      releaseGpu: () => void this.released++,
    };
    this.session = new Session((e) => this.events.push(e), ports);
    FakeSession.made.push(this);
  }

  /** The next load waits in loadModel until letLoad(). */
  holdLoads(): void {
    this.hold = new Promise<void>((res) => (this.release = res));
  }

  letLoad(): void {
    this.hold = null;
    this.release();
  }

  get status(): string {
    return this.session.state.kind;
  }

  /** A request with a fresh id (returned), or a notice. */
  send(cmd: Command | Omit<Extract<Command, { requestId: number }>, 'requestId'>): {
    id: number;
    done: Promise<void>;
  } {
    const id = this.nextId++;
    const full = (
      'requestId' in cmd || !isRequestType(cmd.type) ? cmd : { ...cmd, requestId: id }
    ) as Command;
    return { id, done: this.session.handle(full) };
  }

  /** Resolves once `pred` holds (polled), or fails after `ms`. */
  async until(pred: () => boolean, ms = 20_000, what = 'a condition'): Promise<void> {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end)
        throw new Error(`timed out waiting for ${what} (status ${this.status})`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** The event answering request `id`, once it has come. */
  async answer(id: number, ms = 20_000): Promise<WorkerEvent> {
    await this.until(
      () => this.events.some((e) => 'requestId' in e && e.requestId === id),
      ms,
      `the answer to request ${id}`,
    );
    return this.events.find((e) => 'requestId' in e && e.requestId === id) as WorkerEvent;
  }

  /** Ends whatever run is going and waits for the session to rest. */
  async settle(): Promise<void> {
    this.letLoad();
    if (['running', 'paused'].includes(this.status)) await this.send({ type: 'stop' }).done;
    await this.until(
      () => !['running', 'paused', 'stopping', 'loading'].includes(this.status),
      20_000,
      'the session to rest',
    );
  }
}

const isRequestType = (t: string): boolean => t in REPLY_TYPE;
