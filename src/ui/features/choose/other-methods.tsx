/**
 * "Other methods the paper tried": its ablations (presets/other-methods.ts) as ticks below the
 * grid, each with one line on what it does, its bytes per trained parameter (the memory
 * accounting's 8 / 12 / 16; a frozen parameter costs 4) and the setting it trains with.
 */
import { METHOD_CATALOG, type CatalogMethod } from '../../../presets/method-catalog';
import { OTHER_METHODS } from '../../../presets/other-methods';
import { useStore } from '../../store/store';
import { MethodTick } from './method-tick';
import { SettingControl } from './setting-control';

const OTHERS = METHOD_CATALOG.filter((m) => m.group === 'other');

function bytesText(m: CatalogMethod): string {
  const frozen = m.freeze.length ? ', a frozen embedding 4' : '';
  const grows = m.id === 'gradual-unfreeze' ? ' once unfrozen (4 while frozen)' : '';
  return `${m.bytesPerTrainedParam} B per trained parameter${grows}${frozen}`;
}

/** The setting a method trains with: its own control, or which row's rate it shares. */
function MethodSetting({ m, disabled }: { m: CatalogMethod; disabled: boolean }) {
  if (m.row === 'lamb')
    return <SettingControl name="lrLamb" label="learning rate" disabled={disabled} />;
  if (m.row === 'lars')
    return <SettingControl name="lrLars" label="learning rate" disabled={disabled} />;
  if (m.id === 'sgd-embed-lr0.2')
    return <SettingControl name="embedLr" label="embedding rate x" disabled={disabled} />;
  return <span>SGD + momentum&apos;s rate</span>;
}

export function OtherMethods({ disabled }: { disabled: boolean }) {
  const hideMethods = useStore((s) => s.hidden.includes('methods'));
  if (hideMethods) return null;
  return (
    <table className="method-grid other-methods">
      <caption>
        Other methods the paper tried (its ablations on CLIP ViT-B/16; OOD average there in
        brackets)
      </caption>
      <thead>
        <tr>
          <th scope="col">method</th>
          <th scope="col">what it does</th>
          <th scope="col">memory</th>
          <th scope="col">setting</th>
        </tr>
      </thead>
      <tbody>
        {OTHERS.map((m) => {
          const paper = OTHER_METHODS.find((o) => o.id === m.id)?.paperOod;
          return (
            <tr key={m.id} data-other-method={m.id}>
              <th scope="row">
                <MethodTick m={m} disabled={disabled} />
              </th>
              <td>
                {m.what}
                {paper !== undefined ? ` (${paper})` : ''}
              </td>
              <td>{bytesText(m)}</td>
              <td>
                <MethodSetting m={m} disabled={disabled} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
