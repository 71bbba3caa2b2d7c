/**
 * What the shift looks like, before any training: a few in-distribution images (what the model
 * is fine-tuned and validated on) beside out-of-distribution ones (what it is tested on), with
 * the benchmark card's sentence on what changes. The worker renders them from the same shards
 * and seed as the real load, so these are images of the very benchmark that will be trained on.
 */
import { memo, useEffect, useRef, useState } from 'react';
import { getBenchmark } from '../../../data/benchmarks/registry';
import type { SampleImages, WorkerEvent } from '../../../protocol/messages';
import type { ClientEvent, TrainingClient } from '../../../worker/client';
import { dataSource } from '../../settings/to-commands';
import { useConfig } from '../../store/config-store';
import { useSession } from '../../store/session-store';

type Samples = Extract<WorkerEvent, { type: 'samples' }>;
const PER_SPLIT = 12;
const SIDE = 28;

function Picture({ set, index }: { set: SampleImages; index: number }) {
  const draw = (canvas: HTMLCanvasElement | null): void => {
    const ctx = canvas?.getContext('2d');
    if (!ctx) return;
    const rgb = new Uint8Array(set.pixels, index * SIDE * SIDE * 3, SIDE * SIDE * 3);
    const img = ctx.createImageData(SIDE, SIDE);
    for (let p = 0; p < SIDE * SIDE; p++) {
      img.data[4 * p] = rgb[3 * p] as number;
      img.data[4 * p + 1] = rgb[3 * p + 1] as number;
      img.data[4 * p + 2] = rgb[3 * p + 2] as number;
      img.data[4 * p + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  };
  const label = set.classNames[set.labels[index] as number] ?? String(set.labels[index]);
  const group = set.groups && set.groupNames ? set.groupNames[set.groups[index] as number] : undefined;
  return (
    <li>
      <figure>
        <canvas ref={draw} width={SIDE} height={SIDE} role="img" aria-label={group ? `${label} (${group})` : label} title={group} />
        <figcaption>{label}</figcaption>
      </figure>
    </li>
  );
}

// Memoised: the pictures are drawn once per sample set, not on every parent render.
const Split = memo(function Split({ title, set, testId }: { title: string; set: SampleImages; testId: string }) {
  return (
    <div>
      <h4>{title}</h4>
      <ul className="sample-grid" data-testid={testId} data-count={set.n}>
        {Array.from({ length: set.n }, (_, i) => (
          <Picture key={i} set={set} index={i} />
        ))}
      </ul>
    </div>
  );
});

export function SampleGrid({ client }: { client: TrainingClient }) {
  const benchmark = useConfig((s) => s.config.benchmark);
  const seed = useConfig((s) => s.config.seed);
  const classes = useConfig((s) => s.config.classes);
  const ready = useSession((s) => s.backend !== null);
  const idle = useSession((s) => s.status !== 'running' && s.status !== 'paused' && s.status !== 'loading');
  const [samples, setSamples] = useState<Samples | null>(null);
  const requests = useRef(0);
  const key = JSON.stringify([benchmark, seed, classes]);
  useEffect(() => {
    if (!ready || !idle) return;
    const requestId = ++requests.current;
    // A short delay: typing a seed should not ask for a grid per keystroke.
    const timer = setTimeout(() => {
      const mine = (e: ClientEvent): e is Samples => e.type === 'samples' && e.requestId === requestId;
      client
        .next(mine, 120_000)
        .then((e) => requestId === requests.current && setSamples(e))
        .catch(() => undefined);
      client.send({ type: 'samples', requestId, data: dataSource(useConfig.getState().config), perSplit: PER_SPLIT });
    }, 250);
    return () => clearTimeout(timer);
  }, [client, key, ready, idle]);
  const bench = getBenchmark(benchmark);
  return (
    <section aria-labelledby="samples-h" className="sample-section" data-testid="samples" data-benchmark={samples?.benchmark}>
      <h3 id="samples-h">
        {bench.title}: what changes between ID and OOD
      </h3>
      <p>{bench.card.shift.replaceAll('`', '')}</p>
      {samples?.error && <p className="note">No sample images: {samples.error}</p>}
      {samples?.id && samples.ood && samples.benchmark === benchmark ? (
        <div className="samples">
          <Split title="In distribution (fine-tuning and validation)" set={samples.id} testId="samples-id" />
          <Split title="Out of distribution (the test the paper cares about)" set={samples.ood} testId="samples-ood" />
        </div>
      ) : (
        !samples?.error && <p className="note">Rendering sample images…</p>
      )}
    </section>
  );
}
