"""The update_time query parameter's parser (pure)."""
import pytest

from slurmrestd_py.api.update_time import parse


@pytest.mark.parametrize("text,seconds", [
    ("0", 0), ("1700000000", 1700000000), ("+5", 5), ("-5", -5), ("1.9", 1), ("-1.5", -1),
    (".5", 0), ("5.", 5), ("99999999999999999999999", (1 << 63) - 1),
])
def test_numbers(text, seconds):
    assert parse(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "1e3", "0x10", " 5", "inf", "nan", "true", "null", "5abc", "."])
def test_not_numbers(text):
    assert parse(text) is None
