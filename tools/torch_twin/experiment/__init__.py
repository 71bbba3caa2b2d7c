"""The paper's fine-tuning experiment in PyTorch, the twin of `npm run experiment`
(docs/results.md); its recipe is tools/experiment/experiment-recipe.json, shared with the TS CLI."""
