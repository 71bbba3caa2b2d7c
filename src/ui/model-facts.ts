/**
 * Facts about each micro model and optimizer that the page can show before any training:
 * parameter counts, the embedding layer's share, and the memory accounting per method.
 * Pure functions over the engine's registry (no tensors are created).
 */
import { accountMemory } from '../core/metrics/memory';
import { buildModel, defaultConfig, FAMILIES, type Family } from '../core/models/registry';
import { paramSummary } from '../core/models/summary';
import { defaultOptimizer } from '../core/optim/optimizer';
import type { GroupName } from '../core/models/param-spec';

export interface ModelFact {
  family: Family;
  params: number;
  embedParams: number;
  embedLayers: string[];
}

export const FAMILY_LABEL: Record<Family, string> = { vit: 'micro ViT', convnext: 'micro ConvNeXt', resnet: 'micro ResNet (BatchNorm)' };

export function modelFacts(): ModelFact[] {
  return FAMILIES.map((family) => ({ family, ...paramSummary(buildModel(defaultConfig(family))) }));
}

export interface MethodMemory {
  method: string;
  bytes: number;
  bytesPerParam: number;
}

export const METHODS: { method: string; kind: 'sgd' | 'sgd-momentum' | 'adamw'; freeze: GroupName[] }[] = [
  { method: 'SGD', kind: 'sgd', freeze: [] },
  { method: 'SGD + momentum', kind: 'sgd-momentum', freeze: [] },
  { method: 'AdamW', kind: 'adamw', freeze: [] },
  { method: 'SGD + momentum, freeze-embed', kind: 'sgd-momentum', freeze: ['embed'] },
  { method: 'SGD, freeze-embed', kind: 'sgd', freeze: ['embed'] },
];

export function methodMemory(family: Family): MethodMemory[] {
  const def = buildModel(defaultConfig(family));
  return METHODS.map(({ method, kind, freeze }) => {
    const m = accountMemory(def, defaultOptimizer(kind), new Set(freeze));
    const bytes = m.total.weightBytes + m.total.gradBytes + m.total.stateBytes;
    return { method, bytes, bytesPerParam: m.bytesPerParam };
  });
}
