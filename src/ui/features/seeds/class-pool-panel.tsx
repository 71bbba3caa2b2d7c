/**
 * "Pool a class", the teacher's side: paste many share codes (or links carrying them), see the
 * class's seeds pooled: the table, the paired differences and the dot plot, and every refused
 * code with its reason. Codes in this page's own link (`#...&pool=A,B`) are read when it opens
 * or when a new link is pasted into the address bar, and the pasted list is written back there. No server: the codes hold the results.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { methodLabel } from '../../../presets/method-catalog';
import { useStore } from '../../store/store';
import { POOL_HASH_KEY, codesIn, poolCodes } from '../../seeds/class-pool';
import { setPageKey } from '../../settings/url-hash';
import { fingerprintHex, settingsFingerprint } from '../../seeds/fingerprint';
import { pool } from '../../seeds/pooled';
import { PoolVerdicts } from './pool-verdicts';
import { PooledTable } from './pooled-table';
import { PooledSummary } from './pooled-summary';

/**
 * Keeps the pasted codes in this page's link (`pool=A,B`, replaceState: no history entry), so a
 * reload or a bookmark of the teacher's page loses none of them.
 */
function useCodesInHash(text: string): void {
  useEffect(() => {
    const hash = setPageKey(location.hash, POOL_HASH_KEY, codesIn(text).join(','));
    if (hash !== location.hash)
      history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  }, [text]);
}

/** The codes a link's hash carries, one per line. */
const codesOfHash = (): string =>
  typeof location === 'undefined' || !location.hash ? '' : codesIn(`x${location.hash}`).join('\n');

export function ClassPoolPanel() {
  const headingId = useId();
  const [text, setText] = useState(codesOfHash);
  useEffect(() => {
    const onHash = (): void => {
      const more = codesOfHash();
      if (more) setText((t) => (t.trim() ? `${t.trimEnd()}\n${more}` : more));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useCodesInHash(text);
  const config = useStore((s) => s.config);
  const fingerprint = settingsFingerprint(config);
  const { results, verdicts } = useMemo(
    () => poolCodes(codesIn(text), fingerprint),
    [text, fingerprint],
  );
  const pooled = useMemo(() => pool(results), [results]);
  return (
    <section
      aria-labelledby={headingId}
      data-testid="class-pool"
      data-fingerprint={fingerprintHex(fingerprint)}
    >
      <h2 id={headingId}>Pool a class</h2>
      <p>
        Each student runs different seeds from the same link (their student number picks them) and
        presses “Share my result”; paste their codes or links here, one per line, to see the whole
        class’s seeds together. Codes must come from pages with these settings (settings{' '}
        {fingerprintHex(fingerprint)}); a seed shared twice counts once.
      </p>
      <label>
        Result codes or links
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={5}
          cols={70}
          spellCheck={false}
          data-testid="pool-input"
        />
      </label>
      <PoolVerdicts verdicts={verdicts} />
      {pooled.seeds.length > 0 && (
        <>
          <PooledTable
            pooled={pooled}
            labelOf={methodLabel}
            caption={`The class’s seeds (${pooled.seeds.length}): OOD accuracy at the best-ID evaluation, mean ± 90% interval, with n and ID, in %`}
          />
          <PooledSummary pooled={pooled} labelOf={methodLabel} title="the class’s seeds" />
        </>
      )}
    </section>
  );
}
