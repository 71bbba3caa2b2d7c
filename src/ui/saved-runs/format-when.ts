/** A run's start time as the history lists it (the user's locale, to the second). */
export function when(t: number): string {
  return new Date(t).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}
