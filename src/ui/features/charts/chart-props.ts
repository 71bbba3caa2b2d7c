import type { MethodHistory } from '../../store/session-slice';

export type Methods = Record<string, MethodHistory>;

/** What every live chart gets: the (throttled) histories, and each method's colour and name. */
export interface ChartProps {
  methods: Methods;
  colourOf: (id: string) => string;
  labelOf: (id: string) => string;
}
