import { useEffect, useState } from 'react';
import { parseReference, REFERENCE_FILE, type Reference } from './reference-data';
import { referenceApplies } from './reference-applies';
import { useStore } from '../store/store';

/**
 * The recorded full experiment, fetched once from the app's own origin; null until (or unless)
 * it loads, and null while the data chosen is not the benchmark it was recorded on.
 */
export function useReference(): Reference | null {
  const [ref, setRef] = useState<Reference | null>(null);
  const benchmark = useStore((s) => s.config.benchmark);
  const ownActive = useStore((s) => s.own.active);
  useEffect(() => {
    let live = true;
    fetch(new URL(REFERENCE_FILE, document.baseURI))
      .then((r) => (r.ok ? r.json() : null))
      .then((j: unknown) => live && setRef(parseReference(j)))
      .catch(() => live && setRef(null));
    return () => {
      live = false;
    };
  }, []);
  return ref && referenceApplies(ref, benchmark, ownActive) ? ref : null;
}
