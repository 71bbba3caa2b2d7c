/**
 * Registers the service worker (vite-plugin-pwa's React hook over workbox-window) and says when
 * a new deploy is ready. The new version waits until the user reloads: a run in progress is
 * never cut by an update. The dev server registers nothing (the plugin's dev mode is off).
 */
/// <reference types="vite-plugin-pwa/react" />
import { useRegisterSW } from 'virtual:pwa-register/react';

export function UpdateNotice() {
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    // Registration failing (a private window without service workers, or a file:// page)
    // leaves the app working online; nothing to tell the user.
    onRegisterError: () => undefined,
  });
  if (!needRefresh) return null;
  return (
    <p role="status" data-testid="update-notice">
      A new version of the playground is ready.{' '}
      <button type="button" onClick={() => void updateServiceWorker(true)}>
        Reload
      </button>
    </p>
  );
}
