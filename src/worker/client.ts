/**
 * The UI side of the worker: typed commands out, typed events in, and crash recovery. When the
 * worker dies (an uncaught error, or it fails to load), listeners hear a 'crashed' event, a
 * fresh worker starts, and the last init and load are replayed so the UI can go on; the
 * run history lives in the UI, so nothing already shown is lost.
 */
import type { Command, WorkerEvent } from '../protocol/messages';

export type ClientEvent = WorkerEvent | { type: 'crashed'; message: string; restarted: boolean };
type Listener = (e: ClientEvent) => void;

export class TrainingClient {
  private worker: Worker;
  private readonly listeners = new Set<Listener>();
  private lastInit: Extract<Command, { type: 'init' }> | null = null;
  private lastLoad: Extract<Command, { type: 'load' }> | null = null;
  private crashes = 0;

  constructor(private readonly spawn: () => Worker) {
    this.worker = this.attach(spawn());
  }

  send(cmd: Command): void {
    if (cmd.type === 'init') this.lastInit = cmd;
    if (cmd.type === 'load') this.lastLoad = cmd;
    this.worker.postMessage(cmd);
  }

  on(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Waits for the next event that satisfies `pred` (tests, scripted flows). */
  next<T extends ClientEvent>(pred: (e: ClientEvent) => e is T, timeoutMs = 60_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error('timed out waiting for a worker event'));
      }, timeoutMs);
      const off = this.on((e) => {
        if (pred(e)) {
          clearTimeout(timer);
          off();
          resolve(e);
        }
      });
    });
  }

  terminate(): void {
    this.worker.terminate();
  }

  private attach(w: Worker): Worker {
    w.onmessage = (ev: MessageEvent<WorkerEvent>) => {
      if (ev.data.type === 'ready') this.crashes = 0; // the cap is for workers that cannot start
      this.emit(ev.data);
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      this.recover(ev.message || 'the training worker crashed');
    };
    w.onmessageerror = () => this.recover('a message from the worker could not be read');
    return w;
  }

  private recover(message: string): void {
    this.worker.terminate();
    // Restart, but not in a loop: a worker that crashes at start-up 3 times stays down.
    const restart = ++this.crashes <= 3;
    this.emit({ type: 'crashed', message, restarted: restart });
    if (!restart) return;
    this.worker = this.attach(this.spawn());
    if (this.lastInit) this.worker.postMessage(this.lastInit);
    if (this.lastLoad) this.worker.postMessage(this.lastLoad);
  }

  private emit(e: ClientEvent): void {
    for (const fn of this.listeners) fn(e);
  }
}

export function spawnTrainingWorker(): Worker {
  return new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
}
