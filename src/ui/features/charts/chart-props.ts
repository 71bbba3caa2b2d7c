import type { MethodHistory } from '../../store/method-history';

export type Methods = Record<string, MethodHistory>;

/** What every live chart gets: the (throttled) histories, and each method's colour and name. */
export interface ChartProps {
  methods: Methods;
  colourOf: (id: string) => string;
  labelOf: (id: string) => string;
  /**
   * The comparison's other seeds (seed -> method -> history), beside `methods` (the first
   * seed's): the accuracy chart draws their OOD as faint lines, so no one seed stands for the
   * finding (#19). Absent or empty with one seed.
   */
  otherSeeds?: Record<number, Methods>;
}
