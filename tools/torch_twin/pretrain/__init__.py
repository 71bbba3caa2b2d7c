"""Pretraining the shipped checkpoints and measuring the paper's gradient statistic on them
(docs/pretraining.md)."""
