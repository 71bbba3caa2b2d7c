/**
 * What the shift looks like, before any training: a few in-distribution images (what the model
 * is fine-tuned and validated on) beside out-of-distribution ones (what it is tested on), with
 * the benchmark card's sentence on what changes. The worker renders them from the same shards
 * and seed as the real load, so these are images of the very benchmark that will be trained on.
 */
import { memo, useEffect, useRef, useState } from 'react';
import { benchmarkSummary } from '../../../data/spec/benchmark-catalog';
import type { SampleImages, WorkerEvent } from '../../../protocol/messages';
import { dataSource } from '../../settings/to-commands';
import { useStore } from '../../store/store';

type Samples = Extract<WorkerEvent, { type: 'samples' }>;
const PER_SPLIT = 12;
const SIDE = 28;

function Picture({ set, index }: { set: SampleImages; index: number }) {
  const draw = (canvas: HTMLCanvasElement | null): void => {
    const ctx = canvas?.getContext('2d');
    if (!ctx) return;
    // The worker sent RGBA, [n, 28, 28, 4]: this image's bytes are a canvas's pixels as they are.
    const rgba = new Uint8ClampedArray(set.pixels, index * SIDE * SIDE * 4, SIDE * SIDE * 4);
    ctx.putImageData(new ImageData(rgba, SIDE, SIDE), 0, 0);
  };
  const label = set.classNames[set.labels[index] as number] ?? String(set.labels[index]);
  const group =
    set.groups && set.groupNames ? set.groupNames[set.groups[index] as number] : undefined;
  return (
    <li>
      <figure>
        <canvas
          ref={draw}
          width={SIDE}
          height={SIDE}
          role="img"
          aria-label={group ? `${label} (${group})` : label}
          title={group}
        />
        <figcaption>{label}</figcaption>
      </figure>
    </li>
  );
}

// Memoised: the pictures are drawn once per sample set, not on every parent render.
const Split = memo(function Split({
  title,
  set,
  testId,
}: {
  title: string;
  set: SampleImages;
  testId: string;
}) {
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

export function SampleGrid() {
  const benchmark = useStore((s) => s.config.benchmark);
  const seed = useStore((s) => s.config.seed);
  const classes = useStore((s) => s.config.classes);
  const ready = useStore((s) => s.backend !== null);
  const idle = useStore(
    (s) => s.status !== 'running' && s.status !== 'paused' && s.status !== 'loading',
  );
  const request = useStore((s) => s.request);
  const [samples, setSamples] = useState<Samples | null>(null);
  const requests = useRef(0);
  const key = JSON.stringify([benchmark, seed, classes]);
  useEffect(() => {
    if (!ready || !idle) return;
    const requestId = ++requests.current;
    // A short delay: typing a seed should not ask for a grid per keystroke.
    const timer = setTimeout(() => {
      const data = dataSource(useStore.getState().config);
      request({ type: 'samples', data, perSplit: PER_SPLIT }, { timeoutMs: 120_000 })
        .then((e) => requestId === requests.current && setSamples(e))
        .catch(() => undefined);
    }, 250);
    return () => clearTimeout(timer);
  }, [request, key, ready, idle]);
  const bench = benchmarkSummary(benchmark);
  return (
    <section
      aria-labelledby="samples-h"
      className="sample-section"
      data-testid="samples"
      data-benchmark={samples?.benchmark}
    >
      <h3 id="samples-h">{bench.title}: what changes between ID and OOD</h3>
      <p>{bench.shift.replaceAll('`', '')}</p>
      {samples?.error && <p className="note">No sample images: {samples.error}</p>}
      {samples?.id && samples.ood && samples.benchmark === benchmark ? (
        <div className="samples">
          <Split
            title="In distribution (fine-tuning and validation)"
            set={samples.id}
            testId="samples-id"
          />
          <Split
            title="Out of distribution (the test the paper cares about)"
            set={samples.ood}
            testId="samples-ood"
          />
        </div>
      ) : (
        !samples?.error && <p className="note">Rendering sample images…</p>
      )}
    </section>
  );
}
