import { useEffect, useMemo, useState } from 'react';
import type { ModelConfig } from '../../spec/model-config';
import { OWN_WEIGHTS } from '../settings/to-commands';
import { useStore } from '../store/store';

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
    if (typeof e.name !== 'string' || typeof design !== 'string' || typeof lever !== 'string')
      return [];
    const ratio = m.ratios?.byModel?.[e.name]?.raw;
    return [
      {
        name: e.name,
        family: e.family,
        ...(e.config ? { config: e.config } : {}),
        member: { design, lever, ...(typeof ratio === 'number' ? { ratio } : {}) },
      },
    ];
  });
}

const getJson = (path: string): Promise<unknown> =>
  fetch(new URL(path, document.baseURI))
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}));

/**
 * The checkpoint family's members (public/models/family/manifest.json), fetched the first time
 * `want` is true and kept: a page that never shows the weights choice or names a member never
 * asks for it (it is not precached either, so an offline page asks for nothing it lacks).
 */
export function useFamilyMembers(want: boolean): PretrainedEntry[] {
  const [members, setMembers] = useState<PretrainedEntry[] | null>(null);
  const asked = members !== null;
  useEffect(() => {
    if (!want || asked) return;
    let live = true;
    getJson('models/family/manifest.json').then(
      (m) => live && setMembers(familyEntries(m as FamilyManifest)),
    );
    return () => {
      live = false;
    };
  }, [want, asked]);
  return members ?? NONE;
}
const NONE: PretrainedEntry[] = [];

/**
 * The shipped checkpoints (public/models/manifest.json); empty when none are deployed. With
 * them, the family's members once the weights in force name one (a link or a pick), so the page
 * knows its architecture; the weights choice lists the whole family when the settings open
 * (choose/use-family-choices.ts). A member's weights are fetched by the worker when a run uses it.
 */
export function usePretrained(): PretrainedEntry[] {
  const [shipped, setShipped] = useState<PretrainedEntry[] | null>(null);
  const weights = useStore((s) => s.config.weights);
  useEffect(() => {
    let live = true;
    getJson('models/manifest.json').then(
      (m) => live && setShipped((m as { models?: PretrainedEntry[] }).models ?? []),
    );
    return () => {
      live = false;
    };
  }, []);
  const member =
    shipped !== null &&
    weights !== 'random' &&
    weights !== OWN_WEIGHTS &&
    !shipped.some((m) => m.name === weights);
  const members = useFamilyMembers(member);
  return useMemo(() => [...(shipped ?? []), ...members], [shipped, members]);
}
