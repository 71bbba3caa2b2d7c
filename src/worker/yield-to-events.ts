/**
 * Lets the worker's event loop run once: the commands that arrived (pause, stop, evaluate) are
 * handled between two steps. Needed because on the cpu and wasm backends a step's readback
 * resolves as a microtask, so a run is one unbroken chain of microtasks and would hold every
 * message until it ends (WebGPU and WebGL readbacks wait on the GPU and yield anyway). A
 * MessageChannel round trip, not setTimeout, which nested timers clamp to 4 ms.
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
