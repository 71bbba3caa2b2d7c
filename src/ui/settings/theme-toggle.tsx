import { useEffect, useState } from 'react';
import { applyTheme, savedTheme, THEMES, type Theme } from './theme';

/** The theme control: system, light or dark. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(savedTheme);
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <label htmlFor="theme">
      theme{' '}
      <select id="theme" value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {t === 'system' ? 'as the system' : t}
          </option>
        ))}
      </select>
    </label>
  );
}
