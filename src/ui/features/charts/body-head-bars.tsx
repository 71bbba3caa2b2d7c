/**
 * A per-layer bar chart split in two: the pretrained body's layers, and beside them, narrow and
 * on their own scale, the new randomly initialised head's (its numbers dwarf the body's). The
 * gradient-norm and drift charts both draw their bars this way.
 */
import { useMemo } from 'react';
import { GroupedBarChart, type GroupedBarProps } from './bar-chart';
import { CHART_WIDTH } from './chart-layout';
import type { ChartProps } from './chart-props';
import { splitHead, type LayerInfo, type Row } from './series';
import { sameRows, useSame } from './stable';

/** The head's own chart beside the others': narrow, its own scale. */
const HEAD_WIDTH = Math.round(CHART_WIDTH / 3);

/** The methods' ids, the same array while the set of methods is (the bars' accessors follow it). */
export function useIds(methods: ChartProps['methods']): readonly string[] {
  const key = Object.keys(methods).join('\n');
  return useMemo(() => (key ? key.split('\n') : []), [key]);
}

const asIs = (rows: Row[]): Row[] => rows;

/**
 * The body's rows and the head's (through `nameHead`), each the same array while its numbers
 * are, so that the bars skip their render; and the methods' ids. `rowsOf` (the rows of some
 * layers) is recomputed whenever it changes: memoise it on what it reads.
 */
export function useBodyHeadRows(
  methods: ChartProps['methods'],
  info: LayerInfo,
  rowsOf: (layers: string[]) => Row[],
  nameHead: (rows: Row[]) => Row[] = asIs,
) {
  const { body, head } = useMemo(() => splitHead(info), [info]);
  const bodyRows = useSame(
    useMemo(() => rowsOf(body), [rowsOf, body]),
    sameRows,
  );
  const headRows = useSame(
    useMemo(() => nameHead(rowsOf(head)), [nameHead, rowsOf, head]),
    sameRows,
  );
  return { bodyRows, headRows, hasHead: head.length > 0, ids: useIds(methods) };
}

type BodyHeadBarsProps = Omit<GroupedBarProps, 'rows' | 'width'> & {
  bodyRows: readonly Row[];
  headRows: readonly Row[];
  /** Whether the model has a head apart (no second chart when not). */
  hasHead: boolean;
  /** The head chart's accessible label. */
  headLabel: string;
};

export function BodyHeadBars({
  bodyRows,
  headRows,
  hasHead,
  headLabel,
  label,
  yLabel,
  ...shared
}: BodyHeadBarsProps) {
  return (
    <div className="chart-pair">
      <GroupedBarChart rows={bodyRows} label={label} yLabel={yLabel} {...shared} />
      {hasHead && (
        <GroupedBarChart
          rows={headRows}
          label={headLabel}
          yLabel="head"
          width={HEAD_WIDTH}
          {...shared}
        />
      )}
    </div>
  );
}
