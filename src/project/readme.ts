/**
 * The project's README: what this run was (model, data, methods, steps) and how to start, above
 * the body every project shares (tools/torch_twin/project/README.md).
 */
import type { ProjectMethod, ProjectRecipe } from './recipe';

function optimizerText(m: ProjectMethod): string {
  const o = m.optimizer;
  const opt =
    o.kind === 'adamw'
      ? `AdamW lr ${o.lr}, weight decay ${o.weightDecay}`
      : o.kind === 'lamb'
        ? `LAMB lr ${o.lr}, weight decay ${o.weightDecay}`
        : o.kind === 'lars'
          ? `LARS lr ${o.lr}, momentum ${o.momentum}, trust coefficient ${o.trustCoeff}, weight decay ${o.weightDecay}`
          : `SGD lr ${o.lr}${o.momentum ? `, momentum ${o.momentum}${o.nesterov ? ' (Nesterov)' : ''}` : ''}${o.weightDecay ? `, weight decay ${o.weightDecay}` : ''}`;
  const extras = [
    m.freeze.length ? `frozen: ${m.freeze.join(', ')}` : '',
    m.lrScale?.embed !== undefined && m.lrScale.embed !== 1 ? `embedding lr x${m.lrScale.embed}` : '',
    m.lp ? `after ${m.lp.epochs} head-only epoch(s) at lr ${m.lp.lr}` : '',
  ].filter(Boolean);
  return extras.length ? `${opt}; ${extras.join('; ')}` : opt;
}

function scheduleText(r: ProjectRecipe['run']): string {
  const s = r.schedule;
  return s.kind === 'warmup-cosine' ? `${s.warmupSteps} warm-up steps, then cosine` : s.kind;
}

export function projectReadme(recipe: ProjectRecipe, body: string): string {
  const { model, data, run } = recipe;
  const opts = data.options as { strength?: number; classes?: number[] | null };
  const subset = [
    opts.strength !== undefined ? `shift strength ${opts.strength}` : '',
    opts.classes?.length ? `classes ${opts.classes.join(', ')}` : '',
  ].filter(Boolean);
  const steps = run.maxSteps !== undefined ? `, stopped at ${run.maxSteps} steps per method` : '';
  const lines = [
    `# A Fine-Tune Playground run, as a PyTorch project`,
    '',
    `Exported from the ${recipe.exportedBy === 'cli' ? '`npm run export-pytorch` command' : "playground's Export panel"}.`,
    '',
    '| | |',
    '|---|---|',
    `| model | micro ${model.config.family}${model.checkpoint ? `, pretrained checkpoint \`${model.checkpoint}\`` : ', random initial weights'} (${model.config.numClasses} classes) |`,
    `| data | \`${data.benchmark}\`${subset.length ? ` (${subset.join('; ')})` : ''}: ${data.sizes.train} training, ${data.sizes.idVal} ID validation, ${data.sizes.ood} OOD images |`,
    `| run | ${run.epochs} epoch(s), batch ${run.batchSize}, seed ${run.seed}, ${scheduleText(run)} schedule, augmentation ${run.augment ? 'on' : 'off'}${steps} |`,
    ...recipe.methods.map((m) => `| \`${m.id}\` | ${m.label}: ${optimizerText(m)} |`),
    '',
    '```sh',
    'python train.py            # every method, as the playground ran them',
    '```',
    '',
  ];
  return `${lines.join('\n')}\n${body}`;
}
