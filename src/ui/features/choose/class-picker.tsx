/** The class subset: one box per class of the chosen benchmark; none ticked means all. */
import { benchmarkSummary } from '../../../data/spec/benchmark-catalog';
import { useStore } from '../../store/store';

export function ClassPicker({ disabled }: { disabled: boolean }) {
  const benchmark = useStore((s) => s.config.benchmark);
  const classes = useStore((s) => s.config.classes);
  const hidden = useStore((s) => s.hidden.includes('classes'));
  if (hidden) return null;
  const names = benchmarkSummary(benchmark).classNames;
  const toggle = (i: number, on: boolean): void => {
    const next = on ? [...classes, i] : classes.filter((c) => c !== i);
    useStore.getState().set(
      'classes',
      [...new Set(next)].sort((a, b) => a - b),
    );
  };
  return (
    <fieldset className="classes" disabled={disabled}>
      <legend>
        classes{' '}
        <span className="note">
          ({classes.length ? `${classes.length} of ${names.length}` : `all ${names.length}`}; tick
          at least 2 for a subset)
        </span>
      </legend>
      {names.map((n, i) => (
        <label key={n}>
          <input
            type="checkbox"
            checked={classes.includes(i)}
            data-class={i}
            onChange={(e) => toggle(i, e.target.checked)}
          />{' '}
          {n}
        </label>
      ))}
    </fieldset>
  );
}
