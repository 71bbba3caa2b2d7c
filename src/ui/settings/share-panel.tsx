/**
 * Share: the page's address already holds every control (url-hash.ts); this copies it, and lets
 * a teacher hide controls for a classroom link (`<key>_hide=true`). Hidden controls disappear
 * from this page too, as the class will see it; unticking brings them back.
 */
import { useState } from 'react';
import { useStore } from '../store/store';
import { SETTING_NAMES, SETTINGS } from './settings-table';
import { OWN_WEIGHTS } from './to-commands';

export function SharePanel() {
  const hidden = useStore((s) => s.hidden);
  const own = useStore((s) => s.config.weights === OWN_WEIGHTS);
  const [note, setNote] = useState('');
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(location.href);
      setNote('link copied');
    } catch {
      setNote('copy the address bar: it holds every setting');
    }
  };
  return (
    <section aria-labelledby="share-h">
      <h3 id="share-h">Share these settings</h3>
      <p>
        The address of this page holds every control, the seed included: anyone who opens it gets
        the same setup.{' '}
        <button type="button" onClick={() => void copy()}>
          Copy link
        </button>{' '}
        <span role="status" className="note">
          {note}
        </span>
      </p>
      {own && (
        <p role="note" className="note" data-testid="share-own-checkpoint">
          This link cannot carry your own checkpoint: it says model=own, and whoever opens it is
          asked to pick the .safetensors file (it does not fall back to a shipped model).
        </p>
      )}
      <details>
        <summary>
          Hide controls in the link (for a classroom)
          {hidden.length ? `: ${hidden.length} hidden` : ''}
        </summary>
        <fieldset className="classes">
          <legend className="visually-hidden">Controls to hide</legend>
          {SETTING_NAMES.map((n) => (
            <label key={n}>
              <input
                type="checkbox"
                checked={hidden.includes(n)}
                data-hide={SETTINGS[n].key}
                onChange={(e) => useStore.getState().setHidden(n, e.target.checked)}
              />{' '}
              {SETTINGS[n].label}
            </label>
          ))}
        </fieldset>
      </details>
    </section>
  );
}
