import { useEffect, useState } from 'react';
import type { ModelConfig } from '../../core/spec/model-config';

/** A pretrained checkpoint as a manifest lists it (the fields the page reads). */
export interface PretrainedEntry {
  name: string;
  family: string;
  /** Its config (with its pretraining head's classes): the page counts its parameters from it. */
  config?: ModelConfig;
  /** Set for a member of the checkpoint family (public/models/family, issue #20), absent for a shipped one. */
  member?: FamilyMember;
}

/** What a family member's manifest entry says of its design (docs/results/family-declared.md). */
export interface FamilyMember {
  /** The declared design's id (F1...). */
  design: string;
  /** What its pretraining varies, in words. */
  lever: string;
  /** Its raw embedding-gradient ratio on the lesson's data (the manifest's `ratios`), when listed. */
  ratio?: number;
}

interface FamilyManifest {
  models?: (PretrainedEntry & { design?: string; lever?: string })[];
  ratios?: { byModel?: Record<string, { raw?: number }> };
}

/** The family's entries, each with its design, lever and ratio (an entry without a design is left out). */
export function familyEntries(m: FamilyManifest): PretrainedEntry[] {
  return (m.models ?? []).flatMap(({ design, lever, ...e }) => {
    if (typeof e.name !== 'string' || typeof design !== 'string' || typeof lever !== 'string') return [];
    const ratio = m.ratios?.byModel?.[e.name]?.raw;
    return [{ name: e.name, family: e.family, ...(e.config ? { config: e.config } : {}), member: { design, lever, ...(typeof ratio === 'number' ? { ratio } : {}) } }];
  });
}

const getJson = (path: string): Promise<unknown> =>
  fetch(new URL(path, document.baseURI))
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}));

/**
 * The shipped checkpoints (public/models/manifest.json), then the checkpoint family's members
 * (public/models/family/manifest.json: the list only; a member's weights are fetched when a run
 * first uses it); empty when none are deployed.
 */
export function usePretrained(): PretrainedEntry[] {
  const [list, setList] = useState<PretrainedEntry[]>([]);
  useEffect(() => {
    let live = true;
    Promise.all([getJson('models/manifest.json'), getJson('models/family/manifest.json')]).then(([shipped, family]) => {
      if (live) setList([...((shipped as { models?: PretrainedEntry[] }).models ?? []), ...familyEntries(family as FamilyManifest)]);
    });
    return () => {
      live = false;
    };
  }, []);
  return list;
}
