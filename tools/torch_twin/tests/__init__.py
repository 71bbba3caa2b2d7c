"""The twin's pytest suite: `npm run test:twin` (CI runs it from .ci/run)."""
