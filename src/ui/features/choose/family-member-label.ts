/**
 * How the weights choice names a member of the checkpoint family (issue #20): its declared
 * design, its architecture, what its pretraining varies and its embedding-gradient ratio on the
 * lesson's data, so a class can pick one by the cause it is meant to show.
 */
import { FAMILY_LABEL, FAMILIES, type Family } from '../../../spec/model-config';
import type { FamilyMember } from '../use-pretrained';

const archOf = (family: string): string =>
  FAMILIES.includes(family as Family) ? FAMILY_LABEL[family as Family] : family;

/** "fam-vit-sgd-e1 (checkpoint family F2, micro ViT: optimizer (SGD); gradient ratio 0.52)". */
export function familyMemberLabel(name: string, family: string, m: FamilyMember): string {
  const ratio = m.ratio === undefined ? '' : `; gradient ratio ${m.ratio.toFixed(2)}`;
  return `${name} (checkpoint family ${m.design}, ${archOf(family)}: ${m.lever}${ratio})`;
}
