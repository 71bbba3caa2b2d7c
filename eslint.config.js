import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * The house in layers: core <- data <- worker <- ui, with protocol as the wire (README, "How
 * the code is laid out"). No arrow runs back up, and the page carries no tfjs: it talks to the
 * worker through its own client (src/ui/worker-client) and the protocol, and imports the
 * tfjs-free facts in `spec/` folders (model specs and configs, the benchmark catalogue) and
 * src/presets (presets, recipe, method catalogue).
 * Beside them: project (the PyTorch project exporter, tfjs-free, used by the worker and the
 * CLI), cli (Node entry points: anything but the page and the worker) and sw (the service
 * worker: the shard checks of data alone). Every folder of src/ has a rule here.
 * src/spec (model configs and parameter specs, optimizer configs, the memory accounting) sits
 * at the top because every layer reads it: the engine, the page, the protocol, the CLI and the
 * exporter. Like data/spec it is tfjs-free and imports only other specs.
 */
const OTHER_LAYERS = '(^|/)(data|worker|ui|protocol|presets|cli|sw|project|tools|tests)(/|$)';
const restrict = (patterns) => ['error', { patterns }];
const layers = [
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        {
          regex: OTHER_LAYERS,
          message: 'src/core imports nothing of the project outside src/core.',
        },
      ]),
    },
  },
  {
    // Tfjs-free facts that every layer, the page included, may import.
    files: ['src/spec/**/*.ts', 'src/data/spec/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        {
          regex: OTHER_LAYERS,
          message: 'A spec imports nothing of the project outside its layer.',
        },
        { regex: '^@tensorflow/', message: 'A spec is tfjs-free: the page imports it.' },
        {
          regex: '^\\.\\./',
          message: 'A spec imports only other specs (in its own spec/ folder).',
        },
      ]),
    },
  },
  {
    files: ['src/presets/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        { regex: '^@tensorflow/', message: 'Presets are tfjs-free: the page imports them.' },
        {
          regex: '(^|/)(core|data)/(?!spec/)',
          message: 'Presets import only the spec/ folders of core and data.',
        },
        {
          regex: '(^|/)(worker|ui|protocol|cli|sw|project)(/|$)',
          message: 'Presets sit below the worker and the page.',
        },
      ]),
    },
  },
  {
    // The wire: its values are the page's too, so only types come from the engine.
    files: ['src/protocol/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        {
          regex: '^@tensorflow/(?!tfjs-core/package\\.json$)',
          message: 'The protocol carries no tfjs.',
        },
        {
          regex: '(^|/)(core|data)/(?!spec/)',
          allowTypeImports: true,
          message: 'The protocol takes only types from the engine.',
        },
        {
          regex: '(^|/)(worker|ui|presets|cli|sw|project)(/|$)',
          message: 'The protocol is the wire between the worker and the page.',
        },
      ]),
    },
  },
  {
    // The page: UI state only. It talks to the worker through the client and the protocol.
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        {
          regex: '^@tensorflow/',
          message: 'The page carries no tfjs: the worker trains (src/ui/worker-client).',
        },
        {
          regex: '(^|/)(core|data)/(?!spec/)',
          message:
            'The page imports only the tfjs-free spec/ folders of core and data; ask the worker for the rest.',
        },
        {
          regex: '(^|/)worker/',
          message:
            'The page talks to the worker only through its own client (src/ui/worker-client) and the protocol.',
        },
        {
          regex: '(^|/)(cli|project)(/|$)',
          message: 'The page does not import the CLI or the project exporter.',
        },
        { regex: '^(fflate|fast-png)$', message: 'Files are packed and decoded in the worker.' },
      ]),
    },
  },
  {
    // Data: benchmarks, shards, import, augmentation. Built on core; the worker and the CLI use it.
    files: ['src/data/**/*.ts'],
    ignores: ['src/data/spec/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        {
          regex: '(^|/)(worker|ui|protocol|presets|cli|sw|project|tools|tests)(/|$)',
          message: 'src/data imports only src/core (and itself).',
        },
      ]),
    },
  },
  {
    // The training worker: the engine, the data, the project exporter, the wire (and the twin's Python as text).
    files: ['src/worker/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        {
          regex: '(^|/)(ui|cli|sw|tests)(/|$)',
          message: 'The worker sits below the page and beside the CLI: it imports neither.',
        },
      ]),
    },
  },
  {
    // The PyTorch project exporter: tfjs-free (the caller serialises the weights), below the worker and the CLI.
    files: ['src/project/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        {
          regex: '^@tensorflow/',
          message: 'The project exporter is tfjs-free: the caller hands in the weights serialised.',
        },
        {
          regex: '(^|/)(core|data)/(?!spec/)',
          allowTypeImports: true,
          message:
            'The project exporter takes only types (and the spec/ folders) from the engine and the data.',
        },
        {
          regex: '(^|/)(worker|ui|presets|cli|sw|tools|tests)(/|$)',
          message: 'The worker and the CLI call the project exporter, not the other way round.',
        },
      ]),
    },
  },
  {
    // Node entry points (bench, experiment, export): everything below them, never the page or the worker.
    files: ['src/cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        {
          regex: '(^|/)(ui|worker|sw|tools|tests)(/|$)',
          message:
            'The CLI runs the engine in Node: it imports neither the page, the worker nor tools (run those as processes).',
        },
      ]),
    },
  },
  {
    // The service worker: caches the site, checks shards (data/shards), nothing else.
    files: ['src/sw/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        { regex: '^@tensorflow/', message: 'The service worker carries no tfjs.' },
        {
          regex: '(^|/)(core|worker|ui|protocol|presets|cli|project|tools|tests)(/|$)',
          message: 'The service worker imports only data/shards.',
        },
        { regex: '(^|/)data/(?!shards/)', message: 'The service worker imports only data/shards.' },
      ]),
    },
  },
];

export default tseslint.config(
  // .cache holds the e2e test site (a build) and exported sets; .scratch is a developer's scratch space.
  {
    ignores: ['dist', 'node_modules', 'coverage', 'public', 'tools/**/*.py', '.cache', '.scratch'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Core code must never block the GPU: async data() only (design.md).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(dataSync|arraySync)$/]',
          message: 'Use await tensor.data(): dataSync/arraySync break WebGPU in Chromium.',
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  ...layers,
);
