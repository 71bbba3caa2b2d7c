/**
 * Metrics as JSON: the run's configuration (and its link), what was loaded, and every method's
 * full history (each step event, each evaluation, memory, the final result), as the UI has
 * them. The same shape as a history record, so a file can be read back the same way.
 */
import type { LoadedInfo } from '../../protocol/messages';
import type { Config } from '../settings/settings-table';
import type { MethodHistory } from '../store/session-store';
import { VERSIONS } from './versions';

export const METRICS_FORMAT = 'fine-tune-playground/metrics';

export interface MetricsFile {
  format: typeof METRICS_FORMAT;
  version: 1;
  exportedAt: string;
  generatedBy: typeof VERSIONS;
  config: Config | null;
  hash: string | null;
  loaded: LoadedInfo | null;
  backend: string | null;
  methods: Record<string, MethodHistory>;
}

export function metricsJson(p: { config: Config | null; hash: string | null; loaded: LoadedInfo | null; backend: string | null; methods: Record<string, MethodHistory>; now?: Date }): string {
  const file: MetricsFile = {
    format: METRICS_FORMAT,
    version: 1,
    exportedAt: (p.now ?? new Date()).toISOString(),
    generatedBy: VERSIONS,
    config: p.config,
    hash: p.hash,
    loaded: p.loaded,
    backend: p.backend,
    methods: p.methods,
  };
  return JSON.stringify(file, null, 1);
}
