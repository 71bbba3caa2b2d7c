import { useEffect, useState } from 'react';
import type { ModelConfig } from '../../core/spec/model-config';

/** A shipped checkpoint as public/models/manifest.json lists it (the fields the page reads). */
export interface PretrainedEntry {
  name: string;
  family: string;
  /** Its config (with its pretraining head's classes): the page counts its parameters from it. */
  config?: ModelConfig;
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
