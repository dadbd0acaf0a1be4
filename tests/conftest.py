"""Fixtures shared by test files (this directory is on sys.path; the repository root is not)."""
import pytest

from daemons import token


@pytest.fixture(scope="module")
def alice_token():
    """A JWT for alice from `scontrol token`, for tests over TCP."""
    return token("alice")


def pytest_terminal_summary(terminalreporter):
    from openapi_check import CHECKED

    terminalreporter.write_line(f"openapi_check: {CHECKED['answers']} answers of ours validated against "
                                "the OpenAPI document")
