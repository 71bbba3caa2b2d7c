/**
 * One method's checkbox: ticking adds the method to the comparison, in the catalogue's order
 * (METHOD_IDS), so a link names the same set however it was ticked.
 */
import { METHOD_IDS, type CatalogMethod } from '../../../presets/method-catalog';
import { useStore } from '../../store/store';

export function MethodTick({
  m,
  disabled,
  visibleLabel,
}: {
  m: CatalogMethod;
  disabled: boolean;
  visibleLabel?: string;
}) {
  const on = useStore((s) => s.config.methods.includes(m.id));
  const toggle = (checked: boolean): void => {
    const cur = useStore.getState().config.methods;
    const next = checked ? [...cur, m.id] : cur.filter((x) => x !== m.id);
    useStore.getState().set(
      'methods',
      METHOD_IDS.filter((id) => next.includes(id)),
    );
  };
  return (
    <label>
      <input
        type="checkbox"
        checked={on}
        disabled={disabled}
        data-method-id={m.id}
        onChange={(e) => toggle(e.target.checked)}
      />{' '}
      <span className="visually-hidden">{m.label}</span>
      <span aria-hidden="true">{visibleLabel ?? m.id}</span>
    </label>
  );
}
