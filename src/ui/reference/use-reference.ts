import { useEffect, useState } from 'react';
import { parseReference, REFERENCE_FILE, type Reference } from './reference-data';

/** The recorded full experiment, fetched once from the app's own origin; null until (or unless) it loads. */
export function useReference(): Reference | null {
  const [ref, setRef] = useState<Reference | null>(null);
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
  return ref;
}
