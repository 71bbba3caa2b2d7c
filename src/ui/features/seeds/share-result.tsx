/**
 * "Share my result": this page's finished seeds as a share code (seeds/share-code.ts) and a
 * link carrying it, for the teacher's "Pool a class" panel. The code holds the settings
 * fingerprint, so it pools only with pages on the same settings; runs still going are left out.
 */
import { useState } from 'react';
import { useStore } from '../../store/store';
import { toHash } from '../../settings/url-hash';
import { settingsFingerprint } from '../../seeds/fingerprint';
import { sharedFrom } from '../../seeds/my-result';
import { CodeError } from '../../seeds/byte-io';
import { encodeShareCode } from '../../seeds/share-code';
import { POOL_HASH_KEY } from '../../seeds/class-pool';
import { seedRunsOf } from '../../store/seed-runs';
import { seedResults } from '../../seeds/seed-results';

type Shared = { code: string; link: string; seeds: number } | { error: string };

export function ShareResult() {
  const worstGroup = useStore((s) => s.loaded?.oodMetric === 'worst-group-accuracy');
  const [shared, setShared] = useState<Shared | null>(null);
  const make = (): void => {
    // The store as it is now, not the tables' once-a-second copy: a click just as the run ends
    // shares the seed that ended (the copy could still say "nothing finished").
    const s = useStore.getState();
    const { config, hidden } = s;
    const results = seedResults(seedRunsOf(s), worstGroup);
    try {
      const result = sharedFrom(results, settingsFingerprint(config));
      const code = encodeShareCode(result);
      const link = `${location.origin}${location.pathname}${toHash(config, hidden)}&${POOL_HASH_KEY}=${code}`;
      setShared({ code, link, seeds: Object.keys(result.seeds).length });
    } catch (e) {
      if (!(e instanceof CodeError)) throw e;
      setShared({ error: `Nothing to share yet: ${e.message}.` });
    }
  };
  return (
    <div className="share-result" data-testid="share-result">
      <button type="button" onClick={make} data-testid="share-result-button">
        Share my result
      </button>{' '}
      {shared && 'error' in shared && (
        <span role="status" className="note">
          {shared.error}
        </span>
      )}
      {shared && 'code' in shared && (
        <span role="status">
          {shared.seeds} seed{shared.seeds === 1 ? '' : 's'}: give your teacher this code{' '}
          <input
            readOnly
            value={shared.code}
            size={Math.min(60, shared.code.length)}
            aria-label="your result code"
            data-testid="share-code"
            onFocus={(e) => e.currentTarget.select()}
          />{' '}
          or{' '}
          <a href={shared.link} data-testid="share-link">
            this link
          </a>
          .
        </span>
      )}
    </div>
  );
}
