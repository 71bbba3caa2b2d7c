/**
 * Faults are first-class rows (#22 item 4): a diverged method says "diverged at step k (NaN/Inf)"
 * in the live table, the results table and the chart legends, never a number with `*`; every
 * alert stays until dismissed; one shared rate that kills two methods is one alert.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import type { WorkerEvent } from '../../../src/protocol/messages';
import { PAPER_METHOD_IDS } from '../../../src/presets/method-catalog';
import { AlertView } from '../../../src/ui/features/faults/alert-list';
import {
  faultLabeller,
  faultOf,
  faultsKey,
  faultText,
  lossText,
} from '../../../src/ui/features/faults/method-fault';
import { resultColumns } from '../../../src/ui/features/insight/results-rows';
import { ResultsTableView } from '../../../src/ui/features/insight/results-table';
import { MethodTableView } from '../../../src/ui/features/method-table';
import { shownAlerts } from '../../../src/ui/store/alerts';
import type { MethodHistory } from '../../../src/ui/store/method-history';
import { resetSession, useStore } from '../../../src/ui/store/store';
import { twoMethods } from './charts-fixture';

type ErrorEvent = Extract<WorkerEvent, { type: 'error' }>;

const diverged = (methodId: string, label: string, step: number): ErrorEvent => ({
  type: 'error',
  kind: 'diverged',
  recoverable: false,
  methodId,
  step,
  error: {
    name: 'NonFiniteError',
    message: `${label} stopped at step ${step}: The loss became NaN at step ${step}: training diverged. Lower the learning rate and try again. The other methods go on.`,
  },
});

/** The run: both SGD methods died at the shared rate 10 (steps 4 and 6); their step-0 evaluation is all they have. */
function killedBySharedRate(): Record<string, MethodHistory> {
  const base = twoMethods(10);
  const start = (base['sgd-freeze'] as MethodHistory).evals;
  const sgdSteps = (base.sgd as MethodHistory).steps
    .slice(0, 3)
    .map((s) => ({ ...s, loss: 2.9e10 }));
  return {
    sgd: {
      steps: sgdSteps,
      evals: start,
      failed: { message: 'SGD stopped at step 4: ...', step: 4, kind: 'diverged' },
    },
    'sgd-freeze': {
      ...(base['sgd-freeze'] as MethodHistory),
      failed: { message: 'x', step: 6, kind: 'diverged' },
    },
  };
}

describe('a method that stopped on its own', () => {
  it('reads "diverged at step k (NaN/Inf)"; another failure names its kind; a saved run without the kind is read from its message', () => {
    const m = killedBySharedRate();
    expect(faultText(faultOf(m.sgd) ?? { diverged: false, kind: 'internal' })).toBe(
      'diverged at step 4 (NaN/Inf)',
    );
    expect(faultText({ diverged: false, kind: 'out-of-memory', step: 3 })).toBe(
      'stopped at step 3 (out-of-memory)',
    );
    expect(
      faultOf({
        steps: [],
        evals: [],
        failed: { message: 'The loss became NaN at step 2: training diverged.', step: 2 },
      })?.diverged,
    ).toBe(true);
    expect(faultOf({ steps: [], evals: [] })).toBeNull();
  });

  it('the live table says so in the step cell and marks the blown-up loss', () => {
    const html = renderToStaticMarkup(
      createElement(MethodTableView, { methods: killedBySharedRate(), loaded: null }),
    );
    expect(html).toContain('<tr data-method="sgd" data-fault="diverged">');
    expect(html).toContain('<td>diverged at step 4 (NaN/Inf)</td>');
    expect(html).toContain('<td class="diverged">2.9e+10 (diverged)</td>');
    expect(html).toContain('<td>diverged at step 6 (NaN/Inf)</td>');
    expect(lossText(0.5)).toBe('0.500');
    expect(lossText(Infinity)).toBe('∞');
  });

  it('the results table shows the fault, never its step-0 numbers with *', () => {
    const cols = resultColumns(killedBySharedRate(), PAPER_METHOD_IDS, false);
    expect(cols.map((c) => [c.best, c.final, c.fault?.step])).toEqual([
      [null, null, 4],
      [null, null, 6],
    ]);
    const html = renderToStaticMarkup(
      createElement(ResultsTableView, { columns: cols, model: 'micro vit', worstGroup: false }),
    );
    expect(html.match(/diverged at step 4 \(NaN\/Inf\)/g)).toHaveLength(2); // best-ID and final rows
    expect(html.match(/diverged at step 6 \(NaN\/Inf\)/g)).toHaveLength(2);
    expect(html).not.toMatch(/\d\]\*/);
    expect(html).not.toContain('20.0 [20.0]');
  });

  it('chart legends name the fault; the label function changes only when a fault does', () => {
    const m = killedBySharedRate();
    const label = faultLabeller(faultsKey(m), (id) => id.toUpperCase());
    expect(label('sgd')).toBe('SGD, diverged at step 4 (NaN/Inf)');
    expect(label('adamw')).toBe('ADAMW');
    const more = { ...m, sgd: { ...(m.sgd as MethodHistory), steps: [] } };
    expect(faultsKey(more)).toBe(faultsKey(m));
    expect(faultsKey(twoMethods())).toBe('[]');
  });
});

describe('alerts', () => {
  beforeEach(() => {
    useStore.getState().resetConfig();
    resetSession();
    useStore.setState({ alerts: [] });
  });

  it('two methods killed by one shared rate are one alert that says so; every alert stays until dismissed', () => {
    useStore.getState().fromHash('#lr_sgdm=10&lr_sgdm_hide=true');
    useStore.getState().setStatus('running');
    const receive = useStore.getState().receive;
    receive({
      type: 'error',
      kind: 'internal',
      recoverable: false,
      error: { name: 'Error', message: 'first problem' },
    });
    useStore.getState().setStatus('running');
    receive(diverged('sgd', 'SGD', 4));
    receive(diverged('sgd-freeze', 'SGD freeze-embed', 6));
    receive({ type: 'crashed', message: 'boom', restarted: true });
    const shown = shownAlerts(useStore.getState().alerts);
    expect(shown.map((a) => a.text)).toEqual([
      'first problem',
      'SGD (momentum 0.9) and SGD freeze-embed share the rate 10 and both diverged (at steps 4 and 6): lower it and run again; the other methods went on.',
      'The training worker crashed (boom); it was restarted and your results so far are kept.',
    ]);
    // Both methods are marked in the session too.
    expect(faultOf(useStore.getState().methods['sgd-freeze'])).toEqual({
      diverged: true,
      kind: 'diverged',
      step: 6,
    });
    useStore.getState().dismissAlerts(shown[1]?.ids ?? []);
    expect(shownAlerts(useStore.getState().alerts).map((a) => a.text)).toEqual([
      'first problem',
      expect.stringContaining('crashed'),
    ]);
    useStore.getState().dismissAlerts(shown[0]?.ids ?? []);
    expect(useStore.getState().alerts).toHaveLength(1);
  });

  it('a method that diverged alone, or at another rate, keeps its own alert', () => {
    const alerts = [
      { id: 1, error: diverged('sgd', 'SGD', 4), method: { id: 'sgd', label: 'SGD', lr: 10 } },
      {
        id: 2,
        error: diverged('adamw', 'AdamW', 5),
        method: { id: 'adamw', label: 'AdamW', lr: 1 },
      },
    ];
    expect(shownAlerts(alerts).map((a) => a.ids)).toEqual([[1], [2]]);
  });

  it('an alert renders with a Dismiss button (and a lost device its Continue buttons)', () => {
    const lost: ErrorEvent = {
      type: 'error',
      kind: 'device-lost',
      recoverable: true,
      alternatives: ['cpu'],
      snapshotStep: 10,
      error: { name: 'DeviceLostError', message: 'The GPU device was lost.' },
    };
    const [shown] = shownAlerts([{ id: 1, error: lost }]);
    const html = renderToStaticMarkup(
      createElement(AlertView, { alert: shown!, onDismiss: () => undefined }),
    );
    expect(html).toContain('<strong>device-lost</strong>: The GPU device was lost.');
    expect(html).toContain('Continue on cpu from step 10');
    expect(html).toMatch(
      /<button type="button" class="dismiss" aria-label="Dismiss: The GPU device was lost.">Dismiss<\/button>/,
    );
  });
});
