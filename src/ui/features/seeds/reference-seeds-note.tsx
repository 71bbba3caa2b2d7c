/**
 * The recorded full experiment's two comparisons, read from its file (seeds/reference-reading.ts):
 * with each seed's numbers, its seeds as dots and the paired differences, as the live seeds are
 * shown; an older recording without them, the interval comparison and why there are no dots.
 */
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

export function ReferenceSeedsNote({ reference }: { reference: Reference }) {
  const lines = referenceReading(reference, methodLabel);
  if (!lines.length) return null;
  const pooled = referencePooled(reference);
  const ids = Object.keys(reference.methods);
  const colourOf = (id: string): string => methodColour(id, PAPER_METHOD_IDS, ids);
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
}
