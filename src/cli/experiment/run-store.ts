/**
 * Run records on disk, one JSON file per run named by its key: a matrix that is interrupted
 * resumes by skipping the runs whose file exists. Written to a temporary name and renamed, so a
 * kill mid-write never leaves a half file that would be taken for a finished run.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from './record';

export class RunStore {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  path(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  get(key: string): RunRecord | null {
    const p = this.path(key);
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as RunRecord) : null;
  }

  put(key: string, r: RunRecord): void {
    const p = this.path(key);
    writeFileSync(`${p}.tmp`, JSON.stringify(r));
    renameSync(`${p}.tmp`, p);
  }

  all(): RunRecord[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as RunRecord);
  }
}
