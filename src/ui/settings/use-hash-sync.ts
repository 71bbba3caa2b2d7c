/**
 * Keeps the config store and the URL hash in step: a link opens with its settings, every
 * change rewrites the settings in the hash in place (replaceState: changing a control is not a page the Back
 * button should step through), and a hash pasted into the address bar is applied.
 */
import { useEffect } from 'react';
import { useStore } from '../store/store';
import { withPageKeys } from './url-hash';

export function useHashSync(): void {
  useEffect(() => {
    if (location.hash.length > 1) useStore.getState().fromHash(location.hash);
    const write = (): void => {
      // The page's own keys (a teacher's pooled codes) stay: only the settings are rewritten.
      const hash = withPageKeys(useStore.getState().hash(), location.hash);
      if (hash !== location.hash)
        history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    };
    write();
    const off = useStore.subscribe((s, prev) => {
      if (s.config !== prev.config || s.hidden !== prev.hidden) write();
    });
    const onHash = (): void => useStore.getState().fromHash(location.hash);
    window.addEventListener('hashchange', onHash);
    return () => {
      off();
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
}
