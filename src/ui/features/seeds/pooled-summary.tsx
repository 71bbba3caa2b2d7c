/**
 * Under a results table: the paired differences and the dot plot of a pool of seeds (this
 * page's, or a class's), read from `pool()`. Store-free; the caller picks the seeds.
 */
import { useCallback } from 'react';
import { PAPER_METHOD_IDS } from '../../../presets/method-catalog';
import type { Pooled } from '../../seeds/pooled';
import { methodColour } from '../charts/palette';
import { PairedDifferences } from './paired-differences';
import { SeedDotPlot } from './seed-dot-plot';

export function PooledSummary({
  pooled,
  labelOf,
  title,
}: {
  pooled: Pooled;
  labelOf: (id: string) => string;
  title: string;
}) {
  const key = pooled.methods.map((m) => m.methodId).join(',');
  const colourOf = useCallback(
    (id: string): string => methodColour(id, PAPER_METHOD_IDS, key.split(',')),
    [key],
  );
  return (
    <div className="pooled-summary" data-testid="pooled-summary">
      <p>Paired differences in OOD accuracy, seed by seed ({title}; mean ± 90% interval):</p>
      <PairedDifferences pairs={pooled.pairs} labelOf={labelOf} />
      <SeedDotPlot methods={pooled.methods} labelOf={labelOf} colourOf={colourOf} title={title} />
    </div>
  );
}
