"""Where the twin reads and writes, relative to the repository root."""
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
CACHE = os.path.join(ROOT, '.cache')  # exported image sets, logs: outside git
MODELS_DIR = os.path.join(ROOT, 'public', 'models')
MANIFEST = os.path.join(MODELS_DIR, 'manifest.json')
FIXTURES = os.path.join(ROOT, 'tests', 'fixtures')
RECIPE = os.path.join(ROOT, 'tools', 'experiment', 'experiment-recipe.json')  # shared with the TS CLI
