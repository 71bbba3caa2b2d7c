import { describe, expect, it } from 'vitest';
import { applyTheme, savedTheme } from '../../../src/ui/settings/theme';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
}

describe('theme', () => {
  it('follows the system until the user picks one, and remembers the pick', () => {
    const storage = memoryStorage();
    const root = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    expect(savedTheme(storage)).toBe('system');
    applyTheme('dark', root, storage);
    expect(root.dataset.theme).toBe('dark');
    expect(savedTheme(storage)).toBe('dark');
    applyTheme('system', root, storage);
    expect(root.dataset.theme).toBeUndefined(); // app.css then follows prefers-color-scheme
    expect(savedTheme(storage)).toBe('system');
  });

  it('ignores junk in storage and storage that throws', () => {
    expect(savedTheme({ getItem: () => 'purple' })).toBe('system');
    expect(
      savedTheme({
        getItem: () => {
          throw new Error('blocked');
        },
      }),
    ).toBe('system');
  });
});
