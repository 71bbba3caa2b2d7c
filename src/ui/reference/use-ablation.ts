import { useEffect, useState } from 'react';
import { ABLATION_FILE, parseAblation, type Ablation } from './ablation-data';

/** The recorded ablation table, fetched once from the app's own origin; null until (or unless) it loads. */
export function useAblation(): Ablation | null {
  const [ablation, setAblation] = useState<Ablation | null>(null);
  useEffect(() => {
    let live = true;
    fetch(new URL(ABLATION_FILE, document.baseURI))
      .then((r) => (r.ok ? r.json() : null))
      .then((j: unknown) => live && setAblation(parseAblation(j)))
      .catch(() => live && setAblation(null));
    return () => {
      live = false;
    };
  }, []);
  return ablation;
}
