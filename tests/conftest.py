"""Fixtures shared by test files (this directory is on sys.path; the repository root is not)."""
import pytest

from daemons import token


@pytest.fixture(scope="module")
def alice_token():
    """A JWT for alice from `scontrol token`, for tests over TCP."""
    return token("alice")
