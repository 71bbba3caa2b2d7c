/**
 * What a session answers from what it holds, in whatever state it allows (session.ts decides
 * that): gradient norms, an evaluation and the weights of what is loaded, the PyTorch
 * project, the sample grid, the user's own images and checkpoint, GPU memory given back. Each posts exactly
 * one reply, its bytes transferred, or throws for the session to report with the request's id.
 */
import { measureMemory } from '../core/metrics/memory';
import type { ShardStore } from '../data/shards/shard-store';
import { benchmarkSummary } from '../data/spec/benchmark-catalog';
import type { Command, DataSource, WorkerEvent } from '../protocol/messages';
import { exportProject } from './export-project';
import { exportWeights } from './export-weights';
import { importedBuffers, importPickedImages } from './picked-images';
import { loadData } from './load-data';
import { checkCheckpoint } from './own-checkpoint';
import { evaluateLatest, gradNormsAtStart, type Loaded } from './loaded';
import type { RunController } from './run-controller';
import { renderSamples } from './sample-images';
import type { SessionPorts } from './session-ports';

type Answered =
  | 'evaluate'
  | 'grad-norms'
  | 'export'
  | 'export-project'
  | 'samples'
  | 'import-images'
  | 'check-checkpoint'
  | 'release';
export type HeldCommand = Extract<Command, { type: Answered }>;

/** What the session holds now. */
export interface Held {
  loaded: Loaded | null;
  /** The current or last run (its finished methods' weights). */
  lastRun: RunController | null;
  store: ShardStore | null;
  /** Aborted by `cancel-import`: the import this answer runs, if it is one. */
  importSignal?: AbortSignal;
}

type Post = (e: WorkerEvent, transfer?: Transferable[]) => void;

export async function answer(
  cmd: HeldCommand,
  held: Held,
  ports: SessionPorts,
  post: Post,
): Promise<void> {
  const finals = held.lastRun?.finals ?? new Map();
  switch (cmd.type) {
    case 'evaluate': // between runs: the latest weights, now
      return post(await evaluateLatest(needLoaded(held), finals));
    case 'grad-norms': {
      const { requestId, batchSize, seed } = cmd;
      return post(await gradNormsAtStart(needLoaded(held), requestId, batchSize, seed));
    }
    case 'export': {
      if (!held.loaded) throw new Error('Nothing to export: load a model first.');
      const reply = exportWeights(held.loaded, finals, cmd);
      return post(reply, [reply.bytes]);
    }
    case 'export-project':
      return exportProject(cmd, held.loaded, post);
    case 'samples': {
      const store = held.store;
      if (!store) throw new Error('init must come before samples');
      const classes = (name: string): number => benchmarkSummary(name).classNames.length;
      const load = (src: DataSource) => loadData(store, src, () => undefined);
      const { reply, transfer } = await renderSamples(cmd, classes, load);
      return post(reply, transfer);
    }
    case 'import-images': {
      const reply = await importPickedImages(cmd, ports.decodeImage, held.importSignal);
      return post(reply, importedBuffers(reply));
    }
    case 'check-checkpoint':
      return post(await checkCheckpoint(cmd));
    case 'release':
      held.lastRun?.finals.clear();
      ports.releaseGpu();
      return post({ type: 'released', requestId: cmd.requestId, measured: measureMemory() });
  }
}

function needLoaded(held: Held): Loaded {
  if (!held.loaded) throw new Error('Load a model and a benchmark first.');
  return held.loaded;
}
