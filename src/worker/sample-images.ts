/**
 * The images of the sample grid (ID beside OOD, before training), rendered here rather than in
 * the page: the benchmark is built from the cached shards with just enough images per class,
 * and each image goes out as RGBA ready for the page's canvas. The loaded model and data are
 * untouched.
 */
import type { ImageSet } from '../core/image-set';
import type { BenchmarkData } from '../data/benchmarks/types';
import type { DataSource, Request, SampleImages, WorkerEvent } from '../protocol/messages';

type SamplesRequest = Extract<Request, { type: 'samples' }>;
type Samples = Extract<WorkerEvent, { type: 'samples' }>;

/** The first n images of a set (already in seeded shuffled order), sorted by label for the grid. */
export function sampleImages(set: ImageSet, n: number): SampleImages {
  const rgbSize = set.height * set.width * set.channels;
  const byLabel = (a: number, b: number): number =>
    (set.labels[a] as number) - (set.labels[b] as number) || a - b;
  const idx = Array.from({ length: Math.min(n, set.n) }, (_, i) => i).sort(byLabel);
  const pixels = new Uint8Array(idx.length * set.height * set.width * 4); // [n, 28, 28, 4] RGBA
  idx.forEach((i, k) => {
    const rgb = set.pixels.subarray(i * rgbSize, (i + 1) * rgbSize); // [28, 28, 3]
    const rgba = pixels.subarray(k * set.height * set.width * 4);
    for (let p = 0; p < set.height * set.width; p++) {
      rgba.set(rgb.subarray(p * 3, p * 3 + 3), p * 4);
      rgba[p * 4 + 3] = 255;
    }
  });
  const groups =
    set.groups && set.groupNames
      ? { groups: idx.map((i) => set.groups?.[i] as number), groupNames: [...set.groupNames] }
      : {};
  return {
    n: idx.length,
    pixels: pixels.buffer,
    labels: idx.map((i) => set.labels[i] as number),
    classNames: [...(set.classNames ?? [])],
    ...groups,
  };
}

/**
 * A few images of each split the shift is about (ID validation, OOD). A benchmark that cannot
 * be built (a bad subset) is the reply's `error`, never an 'error' event.
 */
export async function renderSamples(
  cmd: SamplesRequest,
  classCount: (benchmark: string) => number,
  load: (src: DataSource) => Promise<BenchmarkData>,
): Promise<{ reply: Samples; transfer: ArrayBuffer[] }> {
  const reply = {
    type: 'samples' as const,
    requestId: cmd.requestId,
    benchmark: cmd.data.benchmark,
  };
  let data: BenchmarkData;
  try {
    const per = Math.max(
      1,
      Math.ceil(cmd.perSplit / (cmd.data.classes?.length || classCount(cmd.data.benchmark))),
    );
    data = await load({ ...cmd.data, trainPerClass: 1, valPerClass: per, oodPerClass: per });
  } catch (e) {
    return { reply: { ...reply, error: (e as Error).message }, transfer: [] };
  }
  const id = sampleImages(data.sets.idVal, cmd.perSplit);
  const ood = sampleImages(data.sets.ood, cmd.perSplit);
  return { reply: { ...reply, id, ood }, transfer: [id.pixels, ood.pixels] };
}
