/**
 * Light or dark: the system's choice by default (prefers-color-scheme, in app.css), or the
 * user's, kept in localStorage. A preference of this browser, not of the experiment, so it is
 * not in the shared URL.
 */
export type Theme = 'system' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const KEY = 'ftp-theme';

export function savedTheme(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): Theme {
  try {
    const t = storage?.getItem(KEY);
    return THEMES.includes(t as Theme) ? (t as Theme) : 'system';
  } catch {
    return 'system'; // storage blocked (privacy settings): the system's theme
  }
}

export function applyTheme(
  theme: Theme,
  root: HTMLElement = document.documentElement,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  try {
    storage?.setItem(KEY, theme);
  } catch {
    // not kept across reloads; the page still switches
  }
}
