/**
 * The methods as a grid: one row per optimizer with its own learning rate, weight decay (and
 * momentum), and two boxes: fine-tune every layer, or freeze the embedding layer (the paper's
 * freeze-embed). Each ticked box is one method of the comparison.
 */
import { catalogMethod, OPTIMIZER_ROWS, type OptimizerRow, METHOD_IDS } from '../../../presets/method-catalog';
import type { SettingName } from '../../settings/settings-table';
import { useStore } from '../../store/store';
import { SettingControl } from './setting-control';

const LR: Record<OptimizerRow, SettingName> = { sgd: 'lrSgd', sgdm: 'lrSgdm', adamw: 'lrAdamw' };
const WD: Record<OptimizerRow, SettingName> = { sgd: 'wdSgd', sgdm: 'wdSgdm', adamw: 'wdAdamw' };

function MethodBox({ row, frozen, disabled }: { row: OptimizerRow; frozen: boolean; disabled: boolean }) {
  const m = catalogMethod(row, frozen);
  const on = useStore((s) => s.config.methods.includes(m.id));
  const toggle = (checked: boolean): void => {
    const cur = useStore.getState().config.methods;
    const next = checked ? [...cur, m.id] : cur.filter((x) => x !== m.id);
    useStore.getState().set('methods', METHOD_IDS.filter((id) => next.includes(id)));
  };
  return (
    <label>
      <input type="checkbox" checked={on} disabled={disabled} data-method-id={m.id} onChange={(e) => toggle(e.target.checked)} />{' '}
      <span className="visually-hidden">{m.label}</span>
      <span aria-hidden="true">{m.id}</span>
    </label>
  );
}

export function MethodGrid({ disabled }: { disabled: boolean }) {
  const hideMethods = useStore((s) => s.hidden.includes('methods'));
  return (
    <table className="method-grid">
      <caption>Methods: tick each optimizer with all layers trained, with the embedding frozen, or both</caption>
      <thead>
        <tr>
          <th scope="col">optimizer</th>
          <th scope="col">learning rate</th>
          <th scope="col">weight decay</th>
          <th scope="col">momentum</th>
          {!hideMethods && <th scope="col">fine-tune all layers</th>}
          {!hideMethods && <th scope="col">freeze-embed</th>}
        </tr>
      </thead>
      <tbody>
        {OPTIMIZER_ROWS.map(({ row, label }) => (
          <tr key={row}>
            <th scope="row">{label}</th>
            <td>
              <SettingControl name={LR[row]} label="" disabled={disabled} />
            </td>
            <td>
              <SettingControl name={WD[row]} label="" disabled={disabled} />
            </td>
            <td>{row === 'sgdm' ? <SettingControl name="momentum" label="" disabled={disabled} /> : row === 'sgd' ? '0' : '–'}</td>
            {!hideMethods && (
              <td>
                <MethodBox row={row} frozen={false} disabled={disabled} />
              </td>
            )}
            {!hideMethods && (
              <td>
                <MethodBox row={row} frozen={true} disabled={disabled} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
