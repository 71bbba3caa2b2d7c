/**
 * Metrics as one CSV in long form: one row per method and step (kind=step: loss, learning
 * rate, gradient norms per group) and one per evaluation (kind=eval: ID and OOD accuracy,
 * worst group, and how far each layer moved, drift:<layer>). Empty cells where a row kind has
 * no such value; a frozen group's gradient norm is empty too. Opens in any spreadsheet, pandas.
 */
import type { MethodHistory } from '../store/method-history';

const STEP_COLUMNS = [
  'loss',
  'lr',
  'grad_norm_embed',
  'grad_norm_body',
  'grad_norm_head',
  'grad_norm_total',
  'step_ms',
] as const;
const EVAL_COLUMNS = ['id_accuracy', 'id_reweighted', 'ood_accuracy', 'ood_worst_group'] as const;

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function metricsCsv(methods: Readonly<Record<string, MethodHistory>>): string {
  const layers: string[] = [];
  for (const m of Object.values(methods))
    for (const e of m.evals)
      for (const l of Object.keys(e.drift)) if (!layers.includes(l)) layers.push(l);
  const header = [
    'method',
    'kind',
    'step',
    'epoch',
    ...STEP_COLUMNS,
    ...EVAL_COLUMNS,
    ...layers.map((l) => `drift:${l}`),
  ];
  const blankStep = STEP_COLUMNS.map(() => '');
  const blankEval = [...EVAL_COLUMNS, ...layers].map(() => '');
  const rows = [header.map(cell).join(',')];
  for (const [id, m] of Object.entries(methods)) {
    for (const s of m.steps) {
      const g = s.gradNorms.perGroup;
      rows.push(
        [
          id,
          'step',
          s.step,
          s.epoch,
          s.loss,
          s.lr,
          g.embed,
          g.body,
          g.head,
          s.gradNorms.total,
          s.stepMs,
          ...blankEval,
        ]
          .map(cell)
          .join(','),
      );
    }
    for (const e of m.evals) {
      rows.push(
        [
          id,
          'eval',
          e.step,
          e.epoch,
          ...blankStep,
          e.id.accuracy,
          e.id.reweighted,
          e.ood.accuracy,
          e.ood.worstGroup,
          ...layers.map((l) => e.drift[l]),
        ]
          .map(cell)
          .join(','),
      );
    }
  }
  return `${rows.join('\n')}\n`;
}
