/**
 * The recorded full experiment's two comparisons, read from its file (seeds/reference-reading.ts):
 * with each seed's numbers, its seeds as dots and the paired differences, as the live seeds are
 * shown; an older recording without them, the interval comparison and why there are no dots.
 */
import { memo, useCallback, useMemo } from 'react';
import { methodLabel, PAPER_METHOD_IDS } from '../../../presets/method-catalog';
import type { Reference } from '../../reference/reference-data';
import {
  referencePooled,
  referenceReading,
  referenceSeedsSentence,
} from '../../seeds/reference-reading';
import { methodColour } from '../charts/palette';
import { PairedDifferences } from './paired-differences';
import { SeedDotPlot } from './seed-dot-plot';

/**
 * Memoised on the file: the results table around it follows the store once a second while the
 * lesson trains, and each new `colourOf` or pooled array redrew the recorded dot plot's eight
 * scatters (30-80 ms of main thread a second; tools/bench/main-thread-probe.ts).
 */
export const ReferenceSeedsNote = memo(function ReferenceSeedsNote({
  reference,
}: {
  reference: Reference;
}) {
  const lines = useMemo(() => referenceReading(reference, methodLabel), [reference]);
  const pooled = useMemo(() => referencePooled(reference), [reference]);
  const colourOf = useCallback(
    (id: string): string => methodColour(id, PAPER_METHOD_IDS, Object.keys(reference.methods)),
    [reference],
  );
  if (!lines.length) return null;
  return (
    <div className="reference-seeds" data-testid="reference-seeds">
      <p className="muted">
        {reference.title} (not this run). {referenceSeedsSentence(reference)}
      </p>
      {pooled ? (
        <>
          <PairedDifferences pairs={pooled.pairs} labelOf={methodLabel} testId="reference-paired" />
          <SeedDotPlot
            methods={pooled.methods}
            labelOf={methodLabel}
            colourOf={colourOf}
            title="the recorded experiment (not this run)"
            testId="reference-seed-dots"
          />
        </>
      ) : (
        <ul>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
});
