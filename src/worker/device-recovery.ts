/**
 * The device the worker computes on, and its loss: starting the backend (once, however often
 * init is replayed), watching the WebGPU device's `lost` promise, telling a failed step that
 * was really the GPU going away from any other failure, and switching to another backend to
 * go on (never WebGPU again after a loss). The session decides what a loss means for a run.
 */
import type { BackendInfo, BackendName } from '../protocol/messages';
import type { GpuDeviceLike } from './backend';
import { classify } from './faults';

/** How the device is reached (worker/backend.ts in the worker; fakes in tests). */
export interface DevicePorts {
  selectBackend(forced?: BackendName, exclude?: readonly BackendName[]): Promise<BackendInfo>;
  /** The WebGPU device the backend runs on, or null on any other backend. */
  device(): GpuDeviceLike | null;
}

/** How long a failed step waits for device.lost before it counts as an ordinary failure. */
const LOSS_GRACE_MS = 1000;

export class DeviceRecovery {
  private starting: Promise<BackendInfo> | null = null;
  /** The device whose loss counts (an earlier backend's device may still report its own). */
  private watched: GpuDeviceLike | null = null;
  private isLost = false;

  constructor(
    private readonly ports: DevicePorts,
    private readonly onLost: (why: string) => void,
  ) {}

  /**
   * Starts the backend. Idempotent: a second init (React StrictMode runs effects twice in
   * development; the client replays init after a crash) waits for the first instead of racing
   * it for the GPU; a failed start may be tried again.
   */
  start(forced?: BackendName): Promise<BackendInfo> {
    this.starting ??= this.ports.selectBackend(forced).then(
      (backend) => {
        this.watch();
        return backend;
      },
      (e: unknown) => {
        this.starting = null;
        throw e;
      },
    );
    return this.starting;
  }

  /** The backend once started; null before any init. Tensors must wait for it. */
  get backend(): Promise<BackendInfo> | null {
    return this.starting;
  }

  get lost(): boolean {
    return this.isLost;
  }

  /** Another backend, by the user's choice; after a loss, never WebGPU again. */
  async switchTo(name: BackendName): Promise<BackendInfo> {
    const backend = await this.ports.selectBackend(name, this.isLost ? ['webgpu'] : []);
    this.starting = Promise.resolve(backend);
    this.isLost = false;
    this.watch();
    return backend;
  }

  /** The device is gone: reported once, whether the run or device.lost noticed first. */
  markLost(why: string): void {
    if (this.isLost) return;
    this.isLost = true;
    this.onLost(why);
  }

  /**
   * Whether a failed step was really the GPU going away: a step in flight fails (e.g. mapAsync
   * aborted) a moment before device.lost resolves, so the device gets a second to say so.
   */
  readonly lostSoon = async (error: { name: string; message: string }): Promise<boolean> => {
    if (this.isLost || classify(error) === 'device-lost') {
      this.markLost(error.message);
      return true;
    }
    const device = this.ports.device();
    if (!device) return false;
    const grace = new Promise<boolean>((res) => setTimeout(() => res(false), LOSS_GRACE_MS));
    const lost = await Promise.race([device.lost.then(() => true), grace]);
    if (lost) this.markLost(error.message);
    return lost;
  };

  /** The e2e test hook: destroys the WebGPU device, as a driver reset would. */
  destroyDevice(): void {
    const device = this.ports.device();
    if (!device) throw new Error('test:lose-device needs the webgpu backend');
    device.destroy();
  }

  private watch(): void {
    const device = this.ports.device();
    this.watched = device;
    if (!device) return;
    void device.lost.then((info) => {
      if (this.watched === device) this.markLost(info.message || info.reason || 'unknown reason');
    });
  }
}
