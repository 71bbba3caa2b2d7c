/** Where the images come from: one of the shift benchmarks, or the user's own folders. */
import { useStore } from '../../store/store';

export function DataChoice({ disabled }: { disabled: boolean }) {
  const own = useStore((s) => s.own.active);
  const set = (on: boolean): void => useStore.getState().setOwnActive(on);
  return (
    <fieldset className="controls" disabled={disabled}>
      <legend>Data</legend>
      <label>
        <input
          type="radio"
          name="data-kind"
          checked={!own}
          onChange={() => set(false)}
          data-testid="data-benchmark"
        />{' '}
        a distribution-shift benchmark
      </label>
      <label>
        <input
          type="radio"
          name="data-kind"
          checked={own}
          onChange={() => set(true)}
          data-testid="data-own"
        />{' '}
        your own images
      </label>
    </fieldset>
  );
}
