/**
 * Coalesces per-step metrics into at most one message per `intervalMs` (default 100 ms, i.e.
 * ~10 UI updates a second). Nothing is dropped: every step event is in some batch. Other
 * events go out at once, after any pending steps, so order is kept.
 */
import type { StepEvent } from '../core/train/events';
import type { ProgressInfo, WorkerEvent } from '../protocol/messages';

export class EventBatcher {
  private pending: { methodId: string; event: StepEvent }[] = [];
  private progress: ProgressInfo | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly post: (e: WorkerEvent) => void,
    private readonly intervalMs = 100,
  ) {}

  step(methodId: string, event: StepEvent, progress: ProgressInfo): void {
    this.pending.push({ methodId, event });
    this.progress = progress;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Send now (flushing pending steps first). */
  send(e: WorkerEvent): void {
    this.flush();
    this.post(e);
  }

  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.pending.length || !this.progress) return;
    const steps = this.pending;
    this.pending = [];
    this.post({ type: 'metrics', steps, progress: this.progress });
  }
}
