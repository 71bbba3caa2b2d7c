/**
 * An evaluation's picture of the first layer's filters (patch embedding / stem), read back as
 * the evaluation is made, before the next step changes them; and a wait with a limit, for the
 * last of those readbacks at a method's end.
 */
import type { ModelInstance } from '../core/models/instance';
import type { EvalEvent } from '../core/train/events';

/** The first layer's conv weight (patch embedding / stem), [kh, kw, cin, cout]: the filter pictures. */
function filterParam(m: ModelInstance): string | undefined {
  const first = m.def.layers[0];
  return m.def.specs.find(
    (s) => s.layer === first && s.kind === 'param' && s.layout === 'conv' && s.shape.length === 4,
  )?.name;
}

/** An evaluation with the first layer's filters, read back now (before the next step changes them). */
export function withFilters(m: ModelInstance, e: EvalEvent): Promise<EvalEvent> {
  const param = filterParam(m);
  if (!param) return Promise.resolve(e);
  const shape = [...m.def.specs.find((s) => s.name === param)!.shape];
  // readAll queues the copy synchronously: the weights are those of this evaluation. A failed
  // readback costs the pictures, never the evaluation.
  return m.readAll([param]).then(
    (w) => ({ ...e, filters: { param, shape, values: Array.from(w.get(param) ?? []) } }),
    () => e,
  );
}

/** `p`, or `ms` milliseconds, whichever comes first. */
export const settle = (p: Promise<void>, ms: number): Promise<void> =>
  Promise.race([p, new Promise<void>((res) => setTimeout(res, ms))]);

/**
 * A method's events that must keep their order behind an evaluation's filter readback: each
 * send waits for those before it, and none goes out once the attempt is no longer live.
 */
export class OrderedSends {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly live: () => boolean) {}

  /** Sends `e` once its filters are read (withFilters), after everything queued before. */
  eval(m: ModelInstance, e: EvalEvent, send: (e: EvalEvent) => void): void {
    const ev = withFilters(m, e);
    this.chain = this.chain.then(async () => {
      const event = await ev;
      if (this.live()) send(event);
    });
  }

  /** Sends after everything queued before. */
  later(send: () => void): void {
    this.chain = this.chain.then(() => {
      if (this.live()) send();
    });
  }

  /** Resolves once everything queued went out, or after `ms` (a readback that never ends). */
  settled(ms: number): Promise<void> {
    return settle(this.chain, ms);
  }
}
