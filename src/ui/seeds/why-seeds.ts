/** Why the page runs several seeds, in one sentence, for the first screen and the guided mode. */
export const WHY_SEEDS =
  'Each method runs on several seeds (each seed a different random head, batch order and augmentation), because at this size one seed alone can show AdamW far ahead of SGD, level with it or behind it by chance, so the page reports the mean over the seeds with its 90% interval and says when they do not settle a difference.';
