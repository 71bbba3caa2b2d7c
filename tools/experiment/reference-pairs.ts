/**
 * Prints what the page says about the recorded full experiment (public/reference/acquisition-s10.json):
 * the sentences of src/ui/seeds/reference-reading.ts, the same code the page runs, so the
 * numbers docs/results.md quotes are computed, not copied by hand; and each seed's OOD per method.
 *
 *   npx tsx tools/experiment/reference-pairs.ts [file]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { methodLabel } from '../../src/presets/method-catalog';
import { parseReference } from '../../src/ui/reference/reference-data';
import {
  referencePooled,
  referenceReading,
  referenceSeedsSentence,
} from '../../src/ui/seeds/reference-reading';

const file =
  process.argv[2] ??
  fileURLToPath(new URL('../../public/reference/acquisition-s10.json', import.meta.url));
const ref = parseReference(JSON.parse(readFileSync(file, 'utf8')));
if (!ref) throw new Error(`${file}: not a recorded experiment the page can read`);
console.log(referenceSeedsSentence(ref));
for (const line of referenceReading(ref, methodLabel)) console.log(`- ${line}`);
for (const m of referencePooled(ref)?.methods ?? [])
  console.log(
    `${methodLabel(m.methodId)} OOD % by seed: ${m.perSeed.map((s) => `${s.seed} ${(100 * s.ood).toFixed(1)}`).join(', ')}`,
  );
// How far SGD moved the embedding against AdamW, seed by seed (the paper's mechanism).
const drift = (id: string): Map<number, number> =>
  new Map((ref.methods[id]?.perSeed ?? []).map((s) => [s.seed, s.embedDrift]));
const [sgd, adamw] = [drift('sgd'), drift('adamw')];
const ratios = [...sgd].flatMap(([s, d]) => (adamw.get(s) ? [d / (adamw.get(s) as number)] : []));
if (ratios.length)
  console.log(
    `embedding drift, SGD / AdamW by seed: ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} (${ratios.length} seeds)`,
  );
