/**
 * Two starting points: the classroom preset (the page's defaults: a subset small enough to
 * train in about a minute on a laptop CPU, where docs/results.md measured the effect) and the
 * full benchmark (every class at the benchmark's own size, the recipe's batch and epochs:
 * where AdamW's OOD lead over SGD is clearest, but slow without a GPU).
 */
import { CLASSROOM_PRESET } from '../../../presets/classroom';
import { useConfig } from '../../store/config-store';

const p = CLASSROOM_PRESET;
const SUMMARY = `${p.model} on the ${p.benchmark} benchmark, classes ${p.data.classes.join(', ')}, ${p.data.trainPerClass} training images per class, batch ${p.batchSize}, ${p.epochs} epochs, seed ${p.seed}`;

export function PresetButtons({ disabled }: { disabled: boolean }) {
  return (
    <div className="presets" role="group" aria-label="Starting points">
      <button type="button" onClick={() => useConfig.getState().classroomPreset()} disabled={disabled} data-testid="preset-classroom" title={SUMMARY}>
        Classroom preset
      </button>
      <button type="button" onClick={() => useConfig.getState().fullBenchmark()} disabled={disabled} data-testid="preset-full">
        Full benchmark
      </button>
      <p className="note">
        The classroom preset ({SUMMARY}) trains each method in about a minute even without a GPU. The full benchmark uses every class at the benchmark's own size
        with batch 64 for 6 epochs: that is where AdamW's out-of-distribution lead over SGD shows most clearly, but on a CPU it takes a long time.
      </p>
    </div>
  );
}
