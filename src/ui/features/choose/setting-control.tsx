/**
 * One control generated from its row in the settings table: a labelled number field, select
 * or checkbox bound to the config store. Hidden controls (`<key>_hide=true`) render nothing.
 */
import { useState } from 'react';
import type { ChoiceOption, NumberSetting, Setting } from '../../settings/setting';
import { SETTINGS, type Config, type SettingName } from '../../settings/settings-table';
import { useStore } from '../../store/store';

interface Props {
  name: SettingName;
  disabled?: boolean;
  /** Replaces a choice setting's fixed options (e.g. the shipped checkpoints). */
  options?: readonly ChoiceOption[];
  /** A shorter label; '' where the surrounding table names the control (kept for screen readers). */
  label?: string;
}

export function SettingControl({ name, disabled, options, label }: Props) {
  const value = useStore((s) => s.config[name]);
  const hidden = useStore((s) => s.hidden.includes(name));
  if (hidden) return null;
  const s = SETTINGS[name] as Setting;
  const set = (v: unknown): void => useStore.getState().set(name, v as Config[typeof name]);
  const id = `setting-${s.key}`;
  // An empty label: the table around names the control; screen readers still get the full name.
  const text = (
    <span className={label === '' ? 'visually-hidden' : undefined}>{label || s.label}</span>
  );
  const common = { id, name: s.key, disabled, title: s.help, 'data-setting': s.key };
  switch (s.kind) {
    case 'number':
      return (
        <label htmlFor={id}>
          {text} <NumberField common={common} setting={s} value={value as number} onValue={set} />
        </label>
      );
    case 'choice': {
      const opts = options ?? s.options;
      const v = value as string;
      return (
        <label htmlFor={id}>
          {text}{' '}
          <select {...common} value={v} onChange={(e) => set(e.target.value)}>
            {opts.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
            {!opts.some((o) => o.value === v) && <option value={v}>{v} (not available)</option>}
          </select>
        </label>
      );
    }
    case 'bool':
      return (
        <label htmlFor={id}>
          <input
            {...common}
            type="checkbox"
            checked={value as boolean}
            onChange={(e) => set(e.target.checked)}
          />{' '}
          {text}
        </label>
      );
    case 'list':
      throw new Error(`${name} is a list: it has its own control`);
  }
}

interface NumberFieldProps {
  common: { id: string; name: string; disabled?: boolean; title?: string; 'data-setting': string };
  setting: NumberSetting;
  value: number;
  onValue: (v: number) => void;
}

/**
 * The field keeps the text being typed ("0.", "1e-") while the config keeps the last valid
 * number: binding the input to the number itself would eat the decimal point.
 */
function NumberField({ common, setting, value, onValue }: NumberFieldProps) {
  const [draft, setDraft] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // The value changed elsewhere (a link, the paper button): show it (React's "adjust state during render").
    setShown(value);
    if (setting.parse(draft) !== value) setDraft(String(value));
  }
  const invalid = setting.parse(draft) === undefined;
  return (
    <input
      {...common}
      type="number"
      min={setting.min}
      max={setting.max}
      step={setting.step ?? (setting.integer ? 1 : 'any')}
      value={draft}
      aria-invalid={invalid || undefined}
      onChange={(e) => {
        setDraft(e.target.value);
        const v = setting.parse(e.target.value);
        if (v !== undefined) {
          setShown(v);
          onValue(v);
        }
      }}
    />
  );
}
