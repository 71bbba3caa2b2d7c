/**
 * What the page says about an accepted own checkpoint: the architecture it fits (counted from
 * its spec, as the shipped ones are), its head, its size and SHA-256, and what train.py wrote
 * in it. Pure, for the picker and its tests.
 */
import { FAMILY_LABEL, modelSpec } from '../../../spec/model-config';
import { paramSummary } from '../../../spec/param-summary';
import type { CheckpointFit } from '../../../protocol/messages';
import { paramCountText } from '../../param-count';

export function fitText(fit: CheckpointFit): string {
  const counts = paramSummary(modelSpec(fit.config));
  const head =
    fit.headClasses === null
      ? 'no head that fits: a fresh head is made for the task'
      : `its head has ${fit.headClasses} classes: kept on a task with ${fit.headClasses} classes, else replaced by a fresh head`;
  const from = fit.metadata.method
    ? `; saved after ${fit.metadata.steps ?? '?'} steps of ${fit.metadata.method}`
    : '';
  return `${fit.file}: a ${FAMILY_LABEL[fit.config.family]} (${paramCountText(counts)}); ${head}${from}. ${(fit.bytes / 1e6).toFixed(2)} MB, SHA-256 ${fit.sha256}.`;
}
