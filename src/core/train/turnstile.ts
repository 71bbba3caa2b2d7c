/**
 * Round-robin turns for methods trained side by side ("lockstep"): each method runs its own
 * training loop (its own weights, optimizer and batch order), and before each step it waits
 * for its turn. So a comparison advances one step of every method at a time, the curves grow
 * together, and stopping early compares methods at the same step.
 *
 * A method holds the turn from `take` until its next `take` (its step and any evaluation after
 * it run inside the turn); `leave` removes a method that finished, stopped or failed, so the
 * others go on without it. Pure and synchronous apart from the waits: no timers, no tfjs.
 */
export class Turnstile {
  /** Methods still in the rotation, in their order. */
  private readonly order: number[];
  /** Index into `order` of the method whose turn it is. */
  private current = 0;
  /** Whether the current method has used its turn (took it and has not yet passed it on). */
  private used = false;
  private readonly waiting = new Map<number, () => void>();

  constructor(methods: number) {
    this.order = Array.from({ length: methods }, (_, i) => i);
  }

  /** The method whose turn it is, or null when none is left. */
  get holder(): number | null {
    return this.order[this.current] ?? null;
  }

  /** Methods still in the rotation. */
  get remaining(): readonly number[] {
    return this.order;
  }

  /**
   * Called by method `m` before each of its steps: passes the turn on if `m` has just used it,
   * then resolves when it is `m`'s turn again.
   */
  take(m: number): Promise<void> {
    if (!this.order.includes(m))
      return Promise.reject(new Error(`method ${m} has left the rotation`));
    if (this.holder === m && this.used) this.advance();
    if (this.holder === m) {
      this.used = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.waiting.set(m, () => {
        this.used = true;
        resolve();
      });
    });
  }

  /** Method `m` is done (finished, stopped or failed): the others go on without it. */
  leave(m: number): void {
    const at = this.order.indexOf(m);
    if (at < 0) return;
    const wasHolder = at === this.current;
    this.order.splice(at, 1);
    this.waiting.delete(m);
    if (!this.order.length) return;
    if (at < this.current) this.current--;
    if (wasHolder) {
      this.current %= this.order.length;
      this.used = false;
      this.wake();
    }
  }

  private advance(): void {
    this.current = (this.current + 1) % this.order.length;
    this.used = false;
    this.wake();
  }

  /** Lets the new holder go if it is already waiting; otherwise its next `take` finds the turn free. */
  private wake(): void {
    const h = this.holder;
    if (h === null) return;
    const w = this.waiting.get(h);
    if (w) {
      this.waiting.delete(h);
      w();
    }
  }
}
