/**
 * The methods as a grid: one row per optimizer with its own learning rate, weight decay (and
 * momentum), and two boxes: fine-tune every layer, or freeze the embedding layer (the paper's
 * freeze-embed), each with its bytes per trained parameter and a line on what it does; below, the
 * paper's other methods (other-methods.tsx). Each ticked box is one method of the comparison.
 */
import {
  catalogMethod,
  METHOD_CATALOG,
  OPTIMIZER_ROWS,
  type GridRow,
} from '../../../presets/method-catalog';
import type { SettingName } from '../../settings/settings-table';
import { useStore } from '../../store/store';
import { MethodTick } from './method-tick';
import { OtherMethods } from './other-methods';
import { SettingControl } from './setting-control';

const LR: Record<GridRow, SettingName> = { sgd: 'lrSgd', sgdm: 'lrSgdm', adamw: 'lrAdamw' };
const WD: Record<GridRow, SettingName> = { sgd: 'wdSgd', sgdm: 'wdSgdm', adamw: 'wdAdamw' };

function MethodBox({
  row,
  frozen,
  disabled,
}: {
  row: GridRow;
  frozen: boolean;
  disabled: boolean;
}) {
  const m = catalogMethod(row, frozen);
  return (
    <>
      <MethodTick m={m} disabled={disabled} />
      <span className="method-bytes"> {m.bytesPerTrainedParam} B/param</span>
    </>
  );
}

/** One optimizer's row: its settings, then its two method boxes (unless methods are hidden). */
function OptimizerRow({
  row,
  label,
  disabled,
  hideMethods,
}: {
  row: GridRow;
  label: string;
  disabled: boolean;
  hideMethods: boolean;
}) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <SettingControl name={LR[row]} label="" disabled={disabled} />
      </td>
      <td>
        <SettingControl name={WD[row]} label="" disabled={disabled} />
      </td>
      <td>
        {row === 'sgdm' ? (
          <SettingControl name="momentum" label="" disabled={disabled} />
        ) : row === 'sgd' ? (
          '0'
        ) : (
          '–'
        )}
      </td>
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
  );
}

export function MethodGrid({ disabled }: { disabled: boolean }) {
  const hideMethods = useStore((s) => s.hidden.includes('methods'));
  return (
    <>
      <table className="method-grid">
        <caption>
          Methods: tick each optimizer with all layers trained, with the embedding frozen, or both
        </caption>
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
            <OptimizerRow
              key={row}
              row={row}
              label={label}
              disabled={disabled}
              hideMethods={hideMethods}
            />
          ))}
        </tbody>
      </table>
      {!hideMethods && (
        <ul className="method-whats">
          {METHOD_CATALOG.filter((m) => m.group === 'grid').map((m) => (
            <li key={m.id}>
              <code>{m.id}</code>: {m.what}
            </li>
          ))}
        </ul>
      )}
      <OtherMethods disabled={disabled} />
    </>
  );
}
