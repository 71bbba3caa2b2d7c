"""The experiment recipe shared by the PyTorch twin (tools/experiment/*.py) and the TS engine's
`npm run experiment` (src/cli/experiment/recipe.ts holds the same numbers; a unit test reads
this file's JSON twin, recipe.json, to keep them equal).

Everything the matrix varies or fixes lives in recipe.json: methods (optimizer, freeze), the
learning-rate sweep per optimizer (the paper's ranges, scaled to micro models), epochs, batch
size, schedule, seeds. Loaded here so the Python twin never hard-codes a number twice.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
RECIPE_PATH = os.path.join(HERE, 'recipe.json')


def load():
    with open(RECIPE_PATH) as f:
        return json.load(f)
