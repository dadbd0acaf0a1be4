"""Fixtures shared by test files (this directory is on sys.path; the repository root is not)."""
import pytest

from daemons import token


@pytest.fixture(scope="module")
def alice_token():
    """A JWT for alice from `scontrol token`, for tests over TCP."""
    return token("alice")


def pytest_configure(config):
    config.addinivalue_line("markers", "randomised: draws from fuzzing.SEED; a failure says how to replay it")


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
    from openapi_check import CHECKED

    terminalreporter.write_line(f"openapi_check: {CHECKED['answers']} answers of ours validated against "
                                "the OpenAPI document")
