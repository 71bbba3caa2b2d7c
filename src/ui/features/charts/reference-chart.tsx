/**
 * The recorded full experiment beside the live curves: ID (solid) and OOD (dashed) accuracy per
 * epoch, mean over seeds, for the four paper methods, labelled as a recording. A class that
 * stops its short run early still sees what the whole benchmark gives.
 */
import { memo, useMemo } from 'react';
import type { Reference } from '../../reference/reference-data';
import { pctInterval } from '../../reference/reference-data';
import { ChartFigure } from './chart-figure';
import { StepLineChart, type LineSpec } from './line-chart';
import { CHART_NOTES } from './notes';
import { referenceReading } from '../../seeds/reference-reading';
import type { Row } from './series';

const UNIT: [number, number] = [0, 1];

export const ReferenceChart = memo(function ReferenceChart({
  reference,
  colourOf,
  labelOf,
}: {
  reference: Reference;
  colourOf: (id: string) => string;
  labelOf: (id: string) => string;
}) {
  // Keyed on the colours and labels themselves, not the functions, which change as the live
  // methods come and go: the recorded lines (the paper's methods, whose colours are fixed) are
  // not redrawn when a Run starts.
  const ids = Object.keys(reference.methods);
  const colours = ids.map(colourOf).join(',');
  const labels = ids.map(labelOf).join('\n');
  const lines = useMemo((): LineSpec[] => {
    const colour = colours.split(',');
    const label = labels.split('\n');
    return Object.entries(reference.methods).flatMap(([id, m], k) => [
      {
        key: `ref:${id}:id`,
        name: `${label[k]} ID (recorded)`,
        colour: colour[k] ?? '',
        points: m.perEpoch.map((e) => [e.epoch, e.id.mean] as const),
      },
      {
        key: `ref:${id}:ood`,
        name: `${label[k]} OOD (recorded)`,
        colour: colour[k] ?? '',
        dashed: true,
        points: m.perEpoch.map((e) => [e.epoch, e.ood.mean] as const),
      },
    ]);
  }, [reference, colours, labels]);
  const title = `${reference.title}: accuracy per epoch, ID (solid) and OOD (dashed)`;
  const rows = (): Row[] =>
    Object.entries(reference.methods).flatMap(([id, m]) =>
      m.perEpoch.map((e) => ({
        method: labelOf(id),
        epoch: e.epoch,
        'ID %': pctInterval(e.id),
        'OOD %': pctInterval(e.ood),
        'embedding drift': e.drift[Object.keys(e.drift)[0] ?? '']?.mean ?? null,
      })),
    );
  return (
    <ChartFigure
      id="reference"
      title={title}
      note={`${CHART_NOTES.reference} ${referenceReading(reference, labelOf).join(' ')}`}
      rows={rows}
    >
      <StepLineChart
        lines={lines}
        label={title}
        yDomain={UNIT}
        markersUpTo={20}
        yLabel="accuracy"
        xLabel="epoch"
      />
    </ChartFigure>
  );
});
