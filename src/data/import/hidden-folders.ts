/**
 * Images skipped because they lie in a hidden folder (".cats/1.png"): counted and named for the
 * import report, and for the refusal when they were the classes the upload needed.
 */
import { hiddenFolder } from './layout';

export interface HiddenSkips {
  /** Images skipped. */
  readonly count: number;
  /** The hidden folders they lie in, in sorted order, at most five. */
  readonly folders: readonly string[];
  /** How many hidden folders there are in all. */
  readonly folderCount: number;
}

export function hiddenSkips(paths: readonly string[]): HiddenSkips {
  const folders = [
    ...new Set(paths.map(hiddenFolder).filter((f): f is string => f !== undefined)),
  ].sort();
  return { count: paths.length, folders: folders.slice(0, 5), folderCount: folders.length };
}

/** The report's line about them, or null when there are none. */
export function hiddenWarning(h: HiddenSkips): string | null {
  if (h.count === 0) return null;
  const names = `${h.folders.map((f) => `${f}/`).join(', ')}${h.folderCount > h.folders.length ? ', ...' : ''}`;
  return `${h.count} image(s) in folders whose names start with "." were skipped (${names}): such folders are hidden, so they are taken for system files; rename them without the dot to import them`;
}
