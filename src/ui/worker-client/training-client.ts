/**
 * The UI side of the worker: typed commands out, typed events in, and crash recovery.
 *
 * `request()` numbers a command that expects an answer and resolves with exactly the event that
 * answers it (the same requestId), or rejects with the 'error' that carries its id: another
 * command's error can no longer answer this one's wait (as comlink ties replies to requests).
 * `send()` is for the commands that steer a run, whose events stream to every listener.
 *
 * When the worker dies (an uncaught error, or it fails to load), listeners hear a 'crashed'
 * event, a fresh worker starts, and the last init and load are replayed with their own ids (a
 * wait on either is answered by the new worker); other waits are rejected. The run history
 * lives in the UI, so nothing already shown is lost.
 */
import {
  REPLY_TYPE,
  type Notice,
  type Reply,
  type Request,
  type RequestBody,
  type WorkerEvent,
} from '../../protocol/messages';

export type ClientEvent = WorkerEvent | { type: 'crashed'; message: string; restarted: boolean };
type Listener = (e: ClientEvent) => void;
type ErrorReply = Extract<WorkerEvent, { type: 'error' }>;

/** A request's 'error' answer as a thrown Error; the event itself is on `event`. */
export class WorkerRequestError extends Error {
  override readonly name = 'WorkerRequestError';

  constructor(readonly event: ErrorReply | null) {
    super(event ? event.error.message : 'the training worker crashed');
  }
}

interface Pending {
  request: Request;
  resolve: (e: WorkerEvent) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface RequestOptions {
  /** Reject when no answer came within this many milliseconds (default: wait for ever). */
  timeoutMs?: number;
}

export class TrainingClient {
  private worker: Worker;
  private readonly listeners = new Set<Listener>();
  private readonly pending = new Map<number, Pending>();
  private lastInit: Extract<Request, { type: 'init' }> | null = null;
  private lastLoad: Extract<Request, { type: 'load' }> | null = null;
  private nextId = 1;
  private crashes = 0;

  constructor(private readonly spawn: () => Worker) {
    this.worker = this.attach(spawn());
  }

  /** Sends a command that expects an answer; resolves with its reply, rejects with its error. */
  request<B extends RequestBody>(body: B, opts: RequestOptions = {}): Promise<Reply<B['type']>> {
    const request = { ...body, requestId: this.nextId++ } as Request;
    if (request.type === 'init') this.lastInit = request;
    if (request.type === 'load') this.lastLoad = request;
    const answer = new Promise<WorkerEvent>((resolve, reject) => {
      const timer =
        opts.timeoutMs === undefined
          ? null
          : setTimeout(() => {
              this.pending.delete(request.requestId);
              reject(new Error(`timed out waiting for the answer to ${request.type}`));
            }, opts.timeoutMs);
      this.pending.set(request.requestId, { request, resolve, reject, timer });
    });
    this.worker.postMessage(request);
    return answer as Promise<Reply<B['type']>>;
  }

  /** Sends a command that steers a run; its effects arrive as events. */
  send(cmd: Notice): void {
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
      this.answer(ev.data);
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      this.recover(ev.message || 'the training worker crashed');
    };
    w.onmessageerror = () => this.recover('a message from the worker could not be read');
    return w;
  }

  /** Settles the wait of the request an event answers, if it answers one. */
  private answer(e: WorkerEvent): void {
    const id = 'requestId' in e ? e.requestId : undefined;
    const p = id === undefined ? undefined : this.pending.get(id);
    if (!p) return;
    const expected = REPLY_TYPE[p.request.type];
    if (e.type !== expected && e.type !== 'error') return; // not an answer (cannot happen today)
    this.pending.delete(p.request.requestId);
    if (p.timer !== null) clearTimeout(p.timer);
    if (e.type === 'error') p.reject(new WorkerRequestError(e));
    else p.resolve(e);
  }

  private recover(message: string): void {
    this.worker.terminate();
    // Restart, but not in a loop: a worker that crashes at start-up 3 times stays down.
    const restart = ++this.crashes <= 3;
    this.emit({ type: 'crashed', message, restarted: restart });
    const replayed = restart ? [this.lastInit, this.lastLoad].filter((r) => r !== null) : [];
    // Waits on anything but the replayed init and load would never be answered now.
    for (const [id, p] of this.pending) {
      if (replayed.some((r) => r.requestId === id)) continue;
      this.pending.delete(id);
      if (p.timer !== null) clearTimeout(p.timer);
      p.reject(new WorkerRequestError(null));
    }
    if (!restart) return;
    this.worker = this.attach(this.spawn());
    for (const r of replayed) this.worker.postMessage(r);
  }

  /**
   * Every listener hears every event: one that throws (a page's store on an unexpected event)
   * must not keep the next from hearing a crash, nor stop recover() before the restart. Its
   * error is rethrown on its own, so it is still reported.
   */
  private emit(e: ClientEvent): void {
    for (const fn of this.listeners) {
      try {
        fn(e);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}

export function spawnTrainingWorker(): Worker {
  return new Worker(new URL('../../worker/training.worker.ts', import.meta.url), {
    type: 'module',
    name: 'training',
  });
}
