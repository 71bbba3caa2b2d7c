import { startTransition, useEffect, useState } from 'react';
import { FAMILY_FILE, parseFamily, type FamilyResults } from './family-data';

/**
 * The recorded checkpoint family (family-data.ts), fetched once from the app's own origin; null
 * until (or unless) it loads. Set as a transition: the scatter's first (cold) recharts mount
 * comes while a run streams, and React may then yield between its parts.
 */
export function useFamilyResults(): FamilyResults | null {
  const [family, setFamily] = useState<FamilyResults | null>(null);
  useEffect(() => {
    let live = true;
    fetch(new URL(FAMILY_FILE, document.baseURI))
      .then((r) => (r.ok ? r.json() : null))
      .then((j: unknown) => live && startTransition(() => setFamily(parseFamily(j))))
      .catch(() => live && setFamily(null));
    return () => {
      live = false;
    };
  }, []);
  return family;
}
