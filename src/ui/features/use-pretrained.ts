import { useEffect, useState } from 'react';

export interface PretrainedEntry {
  name: string;
  family: string;
  params?: number;
  embedShare?: number;
}

/** The shipped checkpoints (public/models/manifest.json); empty when none are deployed. */
export function usePretrained(): PretrainedEntry[] {
  const [list, setList] = useState<PretrainedEntry[]>([]);
  useEffect(() => {
    let live = true;
    fetch(new URL('models/manifest.json', document.baseURI))
      .then((r) => (r.ok ? r.json() : { models: [] }))
      .then((m: { models?: PretrainedEntry[] }) => live && setList(m.models ?? []))
      .catch(() => live && setList([]));
    return () => {
      live = false;
    };
  }, []);
  return list;
}
