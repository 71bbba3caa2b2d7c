/**
 * A Worker in Node that is a real training Session (worker/session.ts) on Node's ports (tfjs's
 * cpu backend under a 'cpu' label, the shards of public/data, the Node PNG decoder), with
 * messages structured-cloned and delivered a task later both ways, as a browser's worker does.
 * A test can crash it (the worker's global error, as the client sees one).
 */
import { decodePngFast } from '../../src/data/import/fast-png-decoder';
import { nodeByteSource } from '../../src/data/node-source';
import type { Command, WorkerEvent } from '../../src/protocol/messages';
import { loadModel } from '../../src/worker/load-model';
import { Session } from '../../src/worker/session';
import type { SessionPorts } from '../../src/worker/session-ports';

const PORTS: SessionPorts = {
  selectBackend: async (forced) => ({ name: forced ?? 'cpu' }),
  device: () => null,
  shardSource: () => nodeByteSource(),
  loadModel: (src, numClasses, baseUrl) => loadModel(src, numClasses, baseUrl),
  decodeImage: decodePngFast,
  releaseGpu: () => undefined,
};

export class SessionWorker {
  onmessage: ((ev: MessageEvent<WorkerEvent>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  terminated = false;
  readonly received: Command[] = [];
  private readonly session: Session;

  constructor() {
    this.session = new Session((e) => {
      if (this.terminated) return;
      const copy = structuredClone(e);
      setTimeout(
        () => !this.terminated && this.onmessage?.({ data: copy } as MessageEvent<WorkerEvent>),
      );
    }, PORTS);
  }

  postMessage(cmd: Command): void {
    if (this.terminated) return;
    const copy = structuredClone(cmd);
    this.received.push(copy);
    setTimeout(() => void this.session.handle(copy));
  }

  /** Ends it as the browser would: nothing more comes out; a run going on is stopped. */
  terminate(): void {
    this.terminated = true;
    void this.session.handle({ type: 'stop' });
  }

  /** An uncaught error in the worker: the client hears it and restarts a fresh one. */
  crash(message: string): void {
    this.terminate();
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}
