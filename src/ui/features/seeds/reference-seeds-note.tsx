/** The recorded full experiment's two comparisons, read from its file (seeds/reference-reading.ts). */
import { methodLabel } from '../../../presets/method-catalog';
import type { Reference } from '../../reference/reference-data';
import { REFERENCE_NO_DOTS, referenceReading } from '../../seeds/reference-reading';

export function ReferenceSeedsNote({ reference }: { reference: Reference }) {
  const lines = referenceReading(reference, methodLabel);
  if (!lines.length) return null;
  return (
    <div className="reference-seeds" data-testid="reference-seeds">
      <p className="muted">
        {reference.title} (not this run). {REFERENCE_NO_DOTS}
      </p>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </div>
  );
}
