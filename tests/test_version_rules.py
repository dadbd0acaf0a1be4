"""The v0.0.36-38 rules are typed: every rule a handler asks for is declared, and an unknown one is
refused (a typo must never quietly give v0.0.38's behaviour)."""
import dataclasses
import pathlib
import re

import pytest

from slurmrestd_py import versions
from slurmrestd_py.versions.rules import Rules

API = pathlib.Path(versions.__file__).parent.parent / "api"


def test_every_rule_asked_for_is_declared():
    asked = {m for path in API.rglob("*.py") for m in re.findall(r'\.rule\("(\w+)"\)', path.read_text())}
    declared = {f.name for f in dataclasses.fields(Rules)}
    assert asked and asked <= declared, asked - declared


def test_an_unknown_rule_is_refused():
    with pytest.raises(AttributeError):
        versions.PLUGINS["v0.0.37"].rule("job_dsec")


def test_a_misspelled_rule_fails_at_import():
    with pytest.raises(TypeError):
        Rules(job_dsec={})
