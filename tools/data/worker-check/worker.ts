/**
 * Runs inside a real browser Web Worker (see check-worker.ts): loads every benchmark over
 * fetch and imports a few images through the canvas decoder, then reports digests.
 */
import { loadBenchmark } from '../../../src/data/benchmarks/load-benchmark';
import { BENCHMARKS } from '../../../src/data/benchmarks/benchmark-registry';
import { decodeWithCanvas } from '../../../src/data/import/canvas-decoder';
import { entriesFromRecord } from '../../../src/data/import/entries';
import { importImages } from '../../../src/data/import/import-images';
import { fetchByteSource } from '../../../src/data/shards/byte-source';
import { createShardStore } from '../../../src/data/shards/shard-store';
import { CHECK_OPTIONS, splitsDigest } from './set-digest';

async function encoded(colour: string, type: string): Promise<Uint8Array> {
  const c = new OffscreenCanvas(40, 30);
  const ctx = c.getContext('2d');
  if (ctx === null) throw new Error('no 2d context');
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, 40, 30);
  return new Uint8Array(await (await c.convertToBlob({ type })).arrayBuffer());
}

self.onmessage = async (e: MessageEvent<{ base: string }>) => {
  try {
    const store = createShardStore(fetchByteSource(e.data.base));
    const digests: Record<string, string> = {};
    for (const b of Object.values(BENCHMARKS))
      digests[b.name] = await splitsDigest((await loadBenchmark(b, store, CHECK_OPTIONS)).sets);
    const imported = await importImages(
      entriesFromRecord({
        'red/a.png': await encoded('#d02020', 'image/png'),
        'red/b.jpg': await encoded('#d02020', 'image/jpeg'),
        'blue/a.webp': await encoded('#2020d0', 'image/webp'),
        'blue/b.png': await encoded('#2020d0', 'image/png'),
        'blue/broken.jpg': new Uint8Array([1, 2, 3]),
      }),
      decodeWithCanvas,
    );
    const r = imported.report;
    postMessage({
      ok: true,
      digests,
      bytes: store.bytesFetched(),
      imported: {
        classes: r.classNames,
        train: r.counts.train,
        idVal: r.counts.idVal,
        corrupt: r.corrupt.map((c) => c.path),
        firstPixel: Array.from(imported.sets.train.pixels.subarray(0, 3)),
      },
    });
  } catch (err) {
    postMessage({
      ok: false,
      error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err),
    });
  }
};
