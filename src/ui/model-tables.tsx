/**
 * The page's two reference tables: the three micro models' parameter counts, and the chosen
 * model's training memory per method (from the engine's own accounting, model-facts.ts).
 */
import { useMemo } from 'react';
import { FAMILY_LABEL, type Family } from '../spec/model-config';
import { methodMemory, modelFacts } from './model-facts';
import { bodyParams, embedShare, fmt } from './param-count';

/** Each model's parameters; the chosen `family`'s row is marked current. */
export function ModelsTable({ family }: { family: Family }) {
  const facts = useMemo(modelFacts, []);
  return (
    <section aria-labelledby="models-h">
      <h2 id="models-h">Models</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">model</th>
            <th scope="col">parameters before the head</th>
            <th scope="col">head, per class</th>
            <th scope="col">embedding layer (frozen by freeze-embed)</th>
            <th scope="col">its share</th>
          </tr>
        </thead>
        <tbody>
          {facts.map((f) => (
            <tr key={f.family} aria-current={f.family === family || undefined}>
              <th scope="row">{FAMILY_LABEL[f.family]}</th>
              <td>{fmt(bodyParams(f))}</td>
              <td>{fmt(f.headParams / f.numClasses)}</td>
              <td>{f.embedLayers.join(', ')}</td>
              <td>{embedShare(f).toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The `family`'s training memory per method, with a bar against the largest. */
export function MemoryTable({ family }: { family: Family }) {
  const memory = useMemo(() => methodMemory(family), [family]);
  const max = Math.max(...memory.map((m) => m.bytes));
  return (
    <section aria-labelledby="mem-h">
      <h2 id="mem-h">Training memory of the {FAMILY_LABEL[family]}, per method</h2>
      <p>
        Weights, gradients and optimizer state in float32: SGD keeps 8 bytes per parameter, SGD with
        momentum 12, AdamW 16; a frozen parameter keeps only its 4 bytes of weights.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">method</th>
            <th scope="col">bytes</th>
            <th scope="col">bytes / parameter</th>
            <th scope="col" aria-hidden="true"></th>
          </tr>
        </thead>
        <tbody>
          {memory.map((m) => (
            <tr key={m.method}>
              <td>{m.method}</td>
              <td>{fmt(m.bytes)}</td>
              <td>{m.bytesPerParam.toFixed(2)}</td>
              <td aria-hidden="true">
                <span className="bar" style={{ width: `${(100 * m.bytes) / max}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
