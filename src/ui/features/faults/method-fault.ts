/**
 * A method that stopped on its own, as every table and chart legend names it: "diverged at step
 * k (NaN/Inf)" for a loss or gradient that stopped being finite, "stopped at step k (<kind>)"
 * for any other failure. A failed method's numbers are where it died, not a result: the views
 * show this text in their place (never a number marked as provisional).
 */
import type { ErrorKind } from '../../../protocol/messages';
import type { MethodHistory } from '../../store/method-history';

export interface MethodFault {
  diverged: boolean;
  /** The step the method stopped at (absent when the worker did not say). */
  step?: number;
  kind: ErrorKind;
}

/** Histories saved before the kind was kept: the engine's non-finite message. */
const NON_FINITE = /diverged|not finite|non-finite|\bNaN\b|\bInf(inity)?\b/i;

export function faultOf(m: MethodHistory | undefined): MethodFault | null {
  if (!m?.failed) return null;
  const kind: ErrorKind =
    m.failed.kind ?? (NON_FINITE.test(m.failed.message) ? 'diverged' : 'internal');
  return {
    diverged: kind === 'diverged',
    kind,
    ...(m.failed.step !== undefined ? { step: m.failed.step } : {}),
  };
}

/** "diverged at step 4 (NaN/Inf)"; "stopped at step 4 (out-of-memory)". */
export function faultText(f: MethodFault): string {
  const at = f.step !== undefined ? ` at step ${f.step}` : '';
  return f.diverged ? `diverged${at} (NaN/Inf)` : `stopped${at} (${f.kind})`;
}

/**
 * Every method's fault as a string key ([id, text] pairs in JSON), for memoising on: it changes
 * only when a method fails, not with each new step.
 */
export function faultsKey(methods: Record<string, MethodHistory>): string {
  return JSON.stringify(
    Object.entries(methods).flatMap(([id, m]) => {
      const f = faultOf(m);
      return f ? [[id, faultText(f)]] : [];
    }),
  );
}

/** A label function that names each faulted method's fault, from a faultsKey(). */
export function faultLabeller(key: string, plain: (id: string) => string): (id: string) => string {
  const faults = new Map(JSON.parse(key) as [string, string][]);
  return (id) => (faults.has(id) ? `${plain(id)}, ${faults.get(id)}` : plain(id));
}

/** A loss for a table cell: 3 decimals, or powers of ten once it has blown up (2.9e+10). */
export function lossText(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return Math.abs(v) >= 1e4 ? v.toExponential(1) : v.toFixed(3);
}
