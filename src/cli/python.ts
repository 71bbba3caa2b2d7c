/** Debian's Python with PyTorch (python3-torch), which the twin and the bench's comparison need. */
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

export function hasTorch(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}
