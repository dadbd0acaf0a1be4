"""Fixtures shared by test files (this directory is on sys.path; the repository root is not)."""
import collections
import re

import pytest

from daemons import token


@pytest.fixture(scope="module")
def alice_token():
    """A JWT for alice from `scontrol token`, for tests over TCP."""
    return token("alice")


# Files whose tests need no cluster, no Slurm and no installed service: `pytest -m "not cluster"`
# runs them on any machine in seconds. Every other test is marked `cluster`.
_VERSION_ID = re.compile(r"(?<![A-Za-z0-9.])(?:db|util)?v0[._]0[._](\d+)")  # in a test id or its file's name
NO_CLUSTER = {
    "test_protocol.py", "test_routing.py", "test_media.py", "test_reshape.py", "test_openapi_repair.py",
    "test_token_checks.py", "test_update_time.py", "test_fuzz_media.py", "test_fuzz_protocol.py",
    "test_fuzz_job_desc.py", "test_fuzz_targets.py", "test_version_rules.py", "test_parser_node_states.py",
    "test_job_desc_parse.py", "test_parser_index.py",
}
# Files whose tests hold on every Slurm release we run on (scripts/test runs `-m portable` on the
# releases besides the host's): no per-version data, and no reference answer for an API version that
# release's slurmrestd does not serve. A test elsewhere opts in with @pytest.mark.portable, one in
# these files out with @pytest.mark.not_portable.
PORTABLE = NO_CLUSTER | {
    "test_cli.py", "test_listen.py", "test_local_auth.py", "test_inetd.py", "test_deploy.py", "test_load.py",
    "test_fuzz_e2e.py", "test_parser_openapi.py",
}


def pytest_configure(config):
    config.addinivalue_line("markers", "randomised: draws from fuzzing.SEED; a failure says how to replay it")
    config.addinivalue_line("markers", "cluster: needs a running Slurm cluster and the installed service")
    config.addinivalue_line("markers", "portable: holds on every Slurm release (see conftest.PORTABLE)")
    config.addinivalue_line("markers", "not_portable: in a PORTABLE file, but holds on the host's release only")


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name not in NO_CLUSTER:
            item.add_marker("cluster")
        # test_parsed_*.py (the parser versions) compare with whatever this release's reference serves
        portable = item.path.name in PORTABLE or item.path.name.startswith("test_parsed_")
        if portable and not item.get_closest_marker("not_portable"):
            item.add_marker("portable")


def pytest_report_header(config):
    from fuzzing import SEED

    return f"randomised tests: seed {SEED} (FUZZ_SEED=N replays, FUZZ_SEED=random explores)"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed and item.get_closest_marker("randomised"):
        from fuzzing import replay

        report.sections.append(("seed", replay(item.name.split("[")[0])))


def pytest_terminal_summary(terminalreporter):
    from openapi_check import BY_VERSION, CHECKED

    terminalreporter.write_line(f"openapi_check: {CHECKED['answers']} answers of ours validated against "
                                "the OpenAPI document")
    # The README's matrix, release x API version, in figures: tests passed whose id names one
    # version (most of the v0.0.38 suite names none: its paths say it), and answers validated.
    passed = collections.Counter()
    for report in terminalreporter.stats.get("passed", ()):
        named = {f"v0.0.{n}" for n in _VERSION_ID.findall(report.nodeid)}
        passed[named.pop() if len(named) == 1 else "other"] += 1
    versions = sorted(set(passed) | set(BY_VERSION), key=lambda v: (v == "other", v))
    terminalreporter.write_line("per API version (tests passed naming it / answers validated): " + ", ".join(
        f"{v} {passed[v]}/{BY_VERSION[v]}" for v in versions))
