"""Fifty clients at once through socket activation (one slurmrestd-py per connection, JWT): every
answer right, every process measured and gone afterwards. bench/load.py is the larger run, against
the reference too."""
import shlex

import pytest

from daemons import SERVICE_USER, ensure_user, shared_dir
from load import load
from service import COMMAND

CLIENTS, REQUESTS = 50, 3


@pytest.fixture(scope="module")
def result():
    ensure_user(SERVICE_USER)
    with shared_dir("srpy-load-", 0o1777) as workdir:
        yield load(shlex.split(COMMAND), workdir, CLIENTS, REQUESTS)


def test_every_request_answered_right(result):
    assert result.failures == []
    assert result.served == CLIENTS * REQUESTS


def test_connections_ran_at_once(result):
    assert result.peak_processes >= 10  # loose: a 2-CPU machine still overlaps them


def test_no_process_left_behind(result):
    assert result.left == []


def test_each_process_measured_and_small(result):
    assert len(result.rss_kib) == CLIENTS * REQUESTS
    assert result.rss_max_mib < 100, result.rss_max_mib
