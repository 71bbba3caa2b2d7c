import { describe, expect, it } from 'vitest';
import { lessonDesign } from '../../../src/cli/experiment/lesson-designs';
import { CLASSROOM_PRESET } from '../../../src/presets/classroom';

describe('lesson designs for --preset --design', () => {
  it('no name and L5 are the preset in force', () => {
    expect(lessonDesign(undefined)).toBe(CLASSROOM_PRESET);
    expect(lessonDesign('L5')).toEqual(CLASSROOM_PRESET);
  });

  it('L6 is L5 for 3 epochs with the no-momentum row at 0.1 (docs/results/lesson-declared.md)', () => {
    const l6 = lessonDesign('L6');
    expect({ ...l6, epochs: 2, methods: CLASSROOM_PRESET.methods }).toEqual(CLASSROOM_PRESET);
    expect(l6.epochs).toBe(3);
    expect(l6.methods.map((m) => [m.method, m.lr])).toEqual([
      ['sgd', 0.01],
      ['adamw', 1e-3],
      ['sgd-freeze', 0.01],
      ['sgd-freeze-nomom', 0.1],
    ]);
  });

  it('an unknown design is refused by name', () => {
    expect(() => lessonDesign('L99')).toThrow(
      /unknown lesson design "L99" \(known: L5, L6, L5-ablation\)/,
    );
  });
});
