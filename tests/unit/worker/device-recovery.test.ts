/**
 * DeviceRecovery: one start however often init comes, a loss reported once, and a failed
 * step told from a lost device.
 */
import { describe, expect, it } from 'vitest';
import type { BackendName } from '../../../src/protocol/messages';
import { DeviceRecovery } from '../../../src/worker/device-recovery';
import { FakeDevice } from '../../helpers/fake-session';

function recovery(): {
  r: DeviceRecovery;
  device: () => FakeDevice | null;
  losses: string[];
  selects: BackendName[];
} {
  let device: FakeDevice | null = null;
  const losses: string[] = [];
  const selects: BackendName[] = [];
  const r = new DeviceRecovery(
    {
      selectBackend: async (forced) => {
        selects.push(forced ?? 'webgpu');
        device = (forced ?? 'webgpu') === 'webgpu' ? new FakeDevice() : null;
        return { name: forced ?? 'webgpu' };
      },
      device: () => device,
    },
    (why) => losses.push(why),
  );
  return { r, device: () => device, losses, selects };
}

describe('DeviceRecovery', () => {
  it('starts the backend once, however often init comes', async () => {
    const { r, selects } = recovery();
    const [a, b] = await Promise.all([r.start(), r.start()]);
    expect(a).toBe(b);
    expect(selects).toEqual(['webgpu']);
  });

  it("reports the watched device's loss once", async () => {
    const { r, device, losses } = recovery();
    await r.start();
    device()?.destroy();
    await new Promise((res) => setTimeout(res, 0));
    r.markLost('again');
    expect(losses).toEqual(['the device was destroyed']);
    expect(r.lost).toBe(true);
  });

  it('a failed step that says so is a lost device; one that does not waits for device.lost, then is an ordinary failure', async () => {
    const { r, losses } = recovery();
    await r.start();
    const t0 = Date.now();
    expect(await r.lostSoon({ name: 'Error', message: 'NaN in blocks.0' })).toBe(false);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900); // the grace second
    expect(await r.lostSoon({ name: 'Error', message: 'GPUDevice was lost' })).toBe(true);
    expect(losses).toEqual(['GPUDevice was lost']);
  });

  it('after a loss, another backend but never WebGPU; a later loss of the old device is not news', async () => {
    const { r, device, losses } = recovery();
    await r.start();
    const old = device();
    r.markLost('driver reset');
    await r.switchTo('cpu');
    expect(r.lost).toBe(false);
    old?.destroy();
    await new Promise((res) => setTimeout(res, 0));
    expect(losses).toEqual(['driver reset']);
  });
});
