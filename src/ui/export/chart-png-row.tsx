/**
 * "A chart as PNG" in the export panel: pick one of the charts on the page now and save it.
 * The list is read from the page when the picker is used, since charts mount after a run has
 * data and a reader may have switched them off.
 */
import { useEffect, useState } from 'react';
import { chartFilename } from './chart-snapshot';
import { chartPng, chartsOnPage } from './chart-png';
import { download } from './download';

/** `version` changes when methods appear or finish (the charts mount or change then). */
export function ChartPngRow({
  stamp,
  onNote,
  version,
}: {
  stamp: () => string;
  onNote: (note: string) => void;
  version: string;
}) {
  const [charts, setCharts] = useState<{ id: string; title: string }[]>([]);
  const [pick, setPick] = useState('');
  const refresh = (): void => setCharts(chartsOnPage());
  // When methods appear or finish, and again a moment later: the charts' code loads lazily and
  // each chart mounts in its own frame.
  useEffect(() => {
    refresh();
    const t = setTimeout(refresh, 2000);
    return () => clearTimeout(t);
  }, [version]);
  const save = async (): Promise<void> => {
    const list = chartsOnPage();
    setCharts(list);
    const id = list.some((c) => c.id === pick) ? pick : list[0]?.id;
    if (!id) return onNote('no chart on the page yet: tick "show live charts" and train');
    try {
      download(chartFilename(id, stamp()), await chartPng(id), 'image/png');
      onNote(`${id} chart saved`);
    } catch (e) {
      onNote(`could not save the chart: ${(e as Error).message}`);
    }
  };
  return (
    <div className="controls chart-png" role="group" aria-label="Save a chart as PNG">
      <label htmlFor="export-chart">
        chart{' '}
        <select
          id="export-chart"
          value={pick}
          onFocus={refresh}
          onPointerDown={refresh}
          onChange={(e) => setPick(e.target.value)}
          data-testid="export-chart-pick"
        >
          <option value="">
            {charts.length ? 'the first chart' : 'charts appear after training starts'}
          </option>
          {charts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void save()} data-testid="export-chart-png">
        Chart as PNG
      </button>
    </div>
  );
}
