/**
 * Choose: the model and its weights, the benchmark and its subset, the methods and their
 * hyperparameters, the run's length. Every control comes from the settings table and lives
 * in the config store, so it is also in the URL.
 */
import { runLengthProblem, trainImagesFor } from '../../settings/run-length';
import type { ChoiceOption } from '../../settings/setting';
import { useConfig } from '../../store/config-store';
import { useOwnData } from '../../store/own-data-store';
import type { PretrainedEntry } from '../use-pretrained';
import { ClassPicker } from './class-picker';
import { DataChoice } from './data-choice';
import { MethodGrid } from './method-grid';
import { OwnFolderPicker } from './own-folder-picker';
import { PresetButtons } from './preset-buttons';
import { SettingControl } from './setting-control';

function weightOptions(pretrained: readonly PretrainedEntry[]): ChoiceOption[] {
  return [
    ...pretrained.map((m) => ({
      value: m.name,
      label: `${m.name} (pretrained${m.params ? `, ${m.params.toLocaleString('en-US')} params` : ''}${m.embedShare !== undefined ? `, embedding ${(100 * m.embedShare).toFixed(1)}%` : ''})`,
    })),
    { value: 'random', label: 'random init (no pretraining)' },
  ];
}

export function ChoosePanel({ pretrained, disabled }: { pretrained: readonly PretrainedEntry[]; disabled: boolean }) {
  const random = useConfig((s) => s.config.weights === 'random');
  const warmup = useConfig((s) => s.config.schedule === 'warmup-cosine');
  const ignored = useConfig((s) => s.ignored);
  const own = useOwnData((s) => s.active);
  // A run too long for the page (e.g. a link with epochs=10000&batch=15: 10^6 steps) is said as the link opens; Train refuses it.
  const ownData = useOwnData((s) => (s.active ? s.result : undefined));
  const tooLong = useConfig((s) => runLengthProblem(s.config, trainImagesFor(s.config, { active: ownData !== undefined, result: ownData ?? null })));
  return (
    <form className="choose" onSubmit={(e) => e.preventDefault()} aria-label="Choose the model, data and methods">
      {ignored.length > 0 && (
        <p role="alert" className="error">
          The link had settings this page does not know or could not read, so their defaults are used: {ignored.join(', ')}.
        </p>
      )}
      {tooLong && (
        <p role="alert" className="error" data-testid="run-too-long">
          {tooLong}
        </p>
      )}
      <PresetButtons disabled={disabled} />
      <fieldset className="controls" disabled={disabled}>
        <legend>Model and data</legend>
        <SettingControl name="weights" options={weightOptions(pretrained)} />
        {random && <SettingControl name="arch" />}
        {random && <SettingControl name="size" />}
        {!own && <SettingControl name="benchmark" />}
        {!own && <SettingControl name="strength" />}
        {!own && <SettingControl name="perClass" />}
        {!own && <SettingControl name="valPerClass" />}
        {!own && <SettingControl name="oodPerClass" />}
        <SettingControl name="seed" />
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
