/** Pause / resume between steps: `wait()` resolves at once unless paused. */
export class PauseGate {
  private release: (() => void) | null = null;
  private gate: Promise<void> | null = null;

  get paused(): boolean {
    return this.gate !== null;
  }

  pause(): void {
    if (this.gate) return;
    this.gate = new Promise<void>((res) => (this.release = res));
  }

  resume(): void {
    this.release?.();
    this.release = null;
    this.gate = null;
  }

  wait(): Promise<void> {
    return this.gate ?? Promise.resolve();
  }
}
