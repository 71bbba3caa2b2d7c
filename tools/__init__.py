"""Makes tools/ a regular package so `python3 -m tools.torch_twin...` (run from the repository
root) resolves here first, even if some installed distribution ships a top-level `tools`."""
