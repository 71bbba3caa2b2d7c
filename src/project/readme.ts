/**
 * The project's README: what this run was (model, data, methods, steps), where those settings
 * come from (the run's own record, or the controls before any run) and how to start, above the
 * body every project shares (tools/torch_twin/project/README.md).
 */
import type { ProjectMethod, ProjectRecipe } from './project-recipe';

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
    m.lrScale?.embed !== undefined && m.lrScale.embed !== 1
      ? `embedding lr x${m.lrScale.embed}`
      : '',
    m.lp ? `after ${m.lp.epochs} head-only epoch(s) at lr ${m.lp.lr}` : '',
    m.gradualUnfreeze
      ? 'gradual unfreezing: the head first, one more block from the top at even intervals'
      : '',
  ].filter(Boolean);
  return extras.length ? `${opt}; ${extras.join('; ')}` : opt;
}

function scheduleText(r: ProjectRecipe['run']): string {
  const s = r.schedule;
  return s.kind === 'warmup-cosine' ? `${s.warmupSteps} warm-up steps, then cosine` : s.kind;
}

/** Which settings these are: a page's export names its run (or says it had none); the CLI's are its flags. */
function originText(recipe: ProjectRecipe): string {
  if (recipe.exportedBy === 'cli')
    return 'Exported by the `npm run export-pytorch` command, with the settings of its flags.';
  const o = recipe.origin;
  if (!o) return "Exported from the playground's Export panel.";
  if (o.from === 'controls') {
    return "Exported from the playground's Export panel before any run: these are the settings its controls showed at export, not those of a run.";
  }
  const when =
    o.startedAt !== undefined
      ? ` on ${new Date(o.startedAt).toISOString().slice(0, 19).replace('T', ' ')} UTC`
      : '';
  const link = o.hash ? ` (its settings link: \`${o.hash}\`)` : '';
  return `Exported from the playground's Export panel: the settings run \`${o.runId ?? '?'}\` started with${when}${link}, whatever the controls showed at export.`;
}

/** Where the starting weights came from, as the README's model row says it. */
function startOf(model: ProjectRecipe['model']): string {
  if (model.own) return `, your own checkpoint \`${model.own.file}\` (SHA-256 ${model.own.sha256})`;
  return model.checkpoint
    ? `, pretrained checkpoint \`${model.checkpoint}\``
    : ', random initial weights';
}

/** `folder`: the folder the zip unpacks to (the project's name). */
export function projectReadme(recipe: ProjectRecipe, body: string, folder: string): string {
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
    originText(recipe),
    '',
    '| | |',
    '|---|---|',
    `| model | micro ${model.config.family}${startOf(model)} (${model.config.numClasses} classes) |`,
    `| data | \`${data.benchmark}\`${subset.length ? ` (${subset.join('; ')})` : ''}: ${data.sizes.train} training, ${data.sizes.idVal} ID validation, ${data.sizes.ood} OOD images |`,
    `| run | ${run.epochs} epoch(s), batch ${run.batchSize}, seed ${run.seed}, ${scheduleText(run)} schedule, augmentation ${run.augment ? 'on' : 'off'}${steps} |`,
    ...recipe.methods.map((m) => `| \`${m.id}\` | ${m.label}: ${optimizerText(m)} |`),
    '',
    'Unzip, then, with a Python 3.9+ that has PyTorch and numpy (Debian: `apt install python3-torch`; elsewhere `pip install torch numpy`):',
    '',
    '```sh',
    `cd ${folder}`,
    'python3 train.py           # every method, as the playground ran them; ends with a best-ID results table',
    '```',
    '',
    '(`python3 train.py` from inside the folder, or `python3 <folder>/train.py` from anywhere: every file is found beside train.py. On Windows: `py train.py`.)',
    '',
  ];
  return `${lines.join('\n')}\n${body}`;
}
