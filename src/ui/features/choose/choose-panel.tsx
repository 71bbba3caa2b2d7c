/**
 * Choose: the model and its weights, the benchmark and its subset, the methods and their
 * hyperparameters, the run's length. Every control comes from the settings table and lives
 * in the config store, so it is also in the URL.
 */
import { useRef } from 'react';
import { modelSpec, type ModelConfig } from '../../../spec/model-config';
import { paramSummary } from '../../../spec/param-summary';
import { embedShare, paramCountText } from '../../param-count';
import { runLengthProblem, trainImagesFor } from '../../settings/run-length';
import type { ChoiceOption } from '../../settings/setting';
import { OWN_WEIGHTS } from '../../settings/to-commands';
import { useStore } from '../../store/store';
import type { PretrainedEntry } from '../use-pretrained';
import { familyMemberLabel } from './family-member-label';
import { useFamilyChoices } from './use-family-choices';
import { ClassPicker } from './class-picker';
import { DataChoice } from './data-choice';
import { MethodGrid } from './method-grid';
import { OwnCheckpointPicker } from './own-checkpoint-picker';
import { OwnFolderPicker } from './own-folder-picker';
import { PresetButtons } from './preset-buttons';
import { SettingControl } from './setting-control';

/** "vit-adamw (pretrained, 210,688 parameters + head, embedding 4.5%)": counted from its spec; a family member by its design. */
function pretrainedLabel(m: PretrainedEntry): string {
  if (m.member) return familyMemberLabel(m.name, m.family, m.member);
  if (!m.config) return `${m.name} (pretrained)`;
  const counts = paramSummary(modelSpec(m.config));
  return `${m.name} (pretrained, ${paramCountText(counts)}, embedding ${embedShare(counts).toFixed(1)}%)`;
}

function weightOptions(pretrained: readonly PretrainedEntry[]): ChoiceOption[] {
  return [
    ...pretrained.map((m) => ({ value: m.name, label: pretrainedLabel(m) })),
    { value: 'random', label: 'random init (no pretraining)' },
    { value: OWN_WEIGHTS, label: 'your own checkpoint (.safetensors)' },
  ];
}

/** The shipped checkpoints' architectures, which an own checkpoint may also fit (besides the size presets). */
const candidates = (pretrained: readonly PretrainedEntry[]): ModelConfig[] =>
  pretrained.flatMap((m) => (m.config ? [m.config] : []));

interface ChoosePanelProps {
  pretrained: readonly PretrainedEntry[];
  disabled: boolean;
}

/** What is wrong with the settings in force: link values this page ignored, a run too long to train. */
function SettingsProblems() {
  const ignored = useStore((s) => s.ignored);
  // A run too long for the page (e.g. a link with epochs=10000&batch=15: 10^6 steps) is said as the link opens; Train refuses it.
  const ownData = useStore((s) => (s.own.active ? s.own.result : undefined));
  const tooLong = useStore((s) =>
    runLengthProblem(
      s.config,
      trainImagesFor(s.config, { active: ownData !== undefined, result: ownData ?? null }),
    ),
  );
  return (
    <>
      {ignored.length > 0 && (
        <p role="alert" className="error">
          The link had settings this page does not know or could not read, so their defaults are
          used: {ignored.join(', ')}.
        </p>
      )}
      {tooLong && (
        <p role="alert" className="error" data-testid="run-too-long">
          {tooLong}
        </p>
      )}
    </>
  );
}

export function ChoosePanel({ pretrained: known, disabled }: ChoosePanelProps) {
  const form = useRef<HTMLFormElement>(null);
  const pretrained = useFamilyChoices(known, form);
  const random = useStore((s) => s.config.weights === 'random');
  const ownCkpt = useStore((s) => s.config.weights === OWN_WEIGHTS);
  const warmup = useStore((s) => s.config.schedule === 'warmup-cosine');
  const own = useStore((s) => s.own.active);
  return (
    <form
      ref={form}
      className="choose"
      onSubmit={(e) => e.preventDefault()}
      aria-label="Choose the model, data and methods"
    >
      <SettingsProblems />
      <PresetButtons disabled={disabled} />
      <fieldset className="controls" disabled={disabled}>
        <legend>Model and data</legend>
        <SettingControl name="weights" options={weightOptions(pretrained)} />
        {ownCkpt && <OwnCheckpointPicker candidates={candidates(pretrained)} disabled={disabled} />}
        {random && <SettingControl name="arch" />}
        {random && <SettingControl name="size" />}
        {!own && <SettingControl name="benchmark" />}
        {!own && <SettingControl name="strength" />}
        {!own && <SettingControl name="perClass" />}
        {!own && <SettingControl name="valPerClass" />}
        {!own && <SettingControl name="oodPerClass" />}
        <SettingControl name="seed" />
      </fieldset>
      <fieldset className="controls" disabled={disabled}>
        <legend>Seeds</legend>
        <SettingControl name="seeds" />
        <SettingControl name="student" />
        <SettingControl name="workers" />
      </fieldset>
      <DataChoice disabled={disabled} />
      {own ? <OwnFolderPicker disabled={disabled} /> : <ClassPicker disabled={disabled} />}
      <fieldset disabled={disabled}>
        <legend>Methods</legend>
        <MethodGrid disabled={disabled} />
      </fieldset>
      <fieldset className="controls" disabled={disabled}>
        <legend>Training</legend>
        <SettingControl name="schedule" />
        {warmup && <SettingControl name="warmup" />}
        <SettingControl name="epochs" />
        <SettingControl name="steps" />
        <SettingControl name="batchSize" />
        <SettingControl name="evalsPerEpoch" />
        <SettingControl name="augment" />
      </fieldset>
    </form>
  );
}
