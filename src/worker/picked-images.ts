/**
 * The user's own images, imported in the worker: the page posts the picked files with their
 * paths, unread; here they are read, checked (a pixel cap from each header, before decoding),
 * decoded with the browser's decoders and shrunk to 28x28, so a folder of large photos never
 * blocks the page. A refusal (one class, no images, too large...) is the reply's `error`, the
 * message saying what to do: it is the import's answer, not a failure of the session.
 */
import { entriesFromBlobs } from '../data/import/entries';
import type { ImageDecoder } from '../data/import/decoder';
import { importImages } from '../data/import/import-images';
import type { Request, WorkerEvent } from '../protocol/messages';

type ImportRequest = Extract<Request, { type: 'import-images' }>;
type Imported = Extract<WorkerEvent, { type: 'images-imported' }>;

/** `signal`: a `cancel-import` notice aborts it; the import stops before its next file. */
export async function importPickedImages(
  cmd: ImportRequest,
  decode: ImageDecoder,
  signal?: AbortSignal,
): Promise<Imported> {
  const { requestId } = cmd;
  try {
    const { sets, report } = await importImages(entriesFromBlobs(cmd.files), decode, {
      seed: cmd.seed,
      ...(signal ? { signal } : {}),
    });
    return { type: 'images-imported', requestId, sets, report };
  } catch (e) {
    return {
      type: 'images-imported',
      requestId,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

/** The pixels a reply transfers instead of copying (the sets' buffers; idVal may be ood). */
export function importedBuffers(reply: Imported): ArrayBuffer[] {
  const sets = reply.sets ? [reply.sets.train, reply.sets.idVal, reply.sets.ood] : [];
  return [...new Set(sets.map((s) => s.pixels.buffer as ArrayBuffer))];
}
