"""Shared setup, and one plain closing line, "N passed, N failed, N skipped", as the Vitest
runs print (tests/summary-reporter.ts), so CI logs end with a count a log scraper can read."""
import pytest
import torch


@pytest.fixture(autouse=True, scope='session')
def one_thread():
    # The recorded fixtures were made single-threaded; one thread gives the same summation order.
    torch.set_num_threads(1)


def pytest_unconfigure(config):
    tr = config.pluginmanager.get_plugin('terminalreporter')
    if tr is None:
        return
    count = {key: len(tr.stats.get(key, [])) for key in ('passed', 'failed', 'error', 'skipped')}
    # An error (a broken fixture, a module that fails to import) is a failure to CI.
    tr.write_line(f'torch twin: {count["passed"]} passed, {count["failed"] + count["error"]} failed, {count["skipped"]} skipped')
