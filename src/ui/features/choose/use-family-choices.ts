/**
 * The weights choice's list: the checkpoints the page knows (shipped, and a family member in
 * force) plus every member of the checkpoint family, whose manifest is fetched when the settings
 * around the form are first opened (or at once where the form is not folded): the family is
 * fetched when first used, never with the page.
 */
import { useEffect, useMemo, useState, type RefObject } from 'react';
import { useFamilyMembers, type PretrainedEntry } from '../use-pretrained';

/** Whether the <details> around `ref` has been open (true where there is none). */
function useShown(ref: RefObject<Element | null>): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const fold = ref.current?.closest('details');
    if (!fold) return setShown(true);
    const onToggle = (): void => {
      if (fold.open) setShown(true);
    };
    onToggle();
    fold.addEventListener('toggle', onToggle);
    return () => fold.removeEventListener('toggle', onToggle);
  }, [ref]);
  return shown;
}

/** `pretrained` and the family's members, each name once (the page's own entry first). */
export function useFamilyChoices(
  pretrained: readonly PretrainedEntry[],
  ref: RefObject<Element | null>,
): readonly PretrainedEntry[] {
  const members = useFamilyMembers(useShown(ref));
  return useMemo(
    () => [...pretrained, ...members.filter((m) => !pretrained.some((p) => p.name === m.name))],
    [pretrained, members],
  );
}
