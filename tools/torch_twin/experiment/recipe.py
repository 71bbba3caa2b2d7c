"""The experiment recipe shared by the PyTorch twin and the TS engine's `npm run experiment`
(src/cli/experiment/load-recipe.ts holds the same numbers; a unit test reads experiment-recipe.json to keep
them equal).

Everything the matrix varies or fixes lives in tools/experiment/experiment-recipe.json: methods
(optimizer, freeze), the learning-rate sweep per optimizer (the paper's ranges, scaled to micro
models), epochs, batch size, schedule, seeds. Loaded here so the twin never hard-codes a
number twice.
"""
import json

from ..paths import RECIPE


def load():
    with open(RECIPE) as f:
        return json.load(f)
