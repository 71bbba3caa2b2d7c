/**
 * Facts about each micro model and method that the page can show before any training:
 * parameter counts, the embedding layer's share, and the memory accounting per method.
 * Pure functions over the engine's tfjs-free specs (src/spec): no tensors, no tfjs.
 */
import { accountMemory } from '../spec/memory-account';
import { defaultModelConfig, FAMILIES, modelSpec, type Family } from '../spec/model-config';
import { paramSummary, type ParamSummary } from '../spec/param-summary';
import { catalogMethodSpec, METHOD_CATALOG } from '../presets/method-catalog';

export interface ModelFact extends ParamSummary {
  family: Family;
  /** The default config's classes (the head's size: headParams / numClasses per class). */
  numClasses: number;
}

export function modelFacts(): ModelFact[] {
  return FAMILIES.map((family) => {
    const spec = modelSpec(defaultModelConfig(family));
    return { family, numClasses: spec.numClasses, ...paramSummary(spec) };
  });
}

export interface MethodMemory {
  method: string;
  bytes: number;
  bytesPerParam: number;
}

/** Weights, gradients and optimizer state of each method of the grid, in float32. */
export function methodMemory(family: Family): MethodMemory[] {
  const spec = modelSpec(defaultModelConfig(family));
  return METHOD_CATALOG.map(({ id, label }) => {
    const { optimizer, freeze } = catalogMethodSpec(id, 0); // the rate costs no memory
    const m = accountMemory(spec, optimizer, new Set(freeze));
    const bytes = m.total.weightBytes + m.total.gradBytes + m.total.stateBytes;
    return { method: label, bytes, bytesPerParam: m.bytesPerParam };
  });
}
