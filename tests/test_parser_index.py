"""Each kind of a parser version is built on first use, with its table module only
(parsers/index.py says which module makes it): what a request gets so must be what building
every module at once gives, for every kind of every version; and the index must be current."""
import importlib

import pytest

from slurmrestd_py import parsers
from slurmrestd_py.parsers import indexing


def test_index_is_current():
    with open(indexing.PATH) as f:
        assert f.read() == indexing.source(), "run: python -m slurmrestd_py.parsers.indexing"


def _fresh(version):
    """A parser of `version` built anew (parsers.get keeps one per process)."""
    return importlib.import_module(f"slurmrestd_py.parsers.{version.replace('.', '_')}").build()


def _schema(parser, t):
    schemas = parser.schemas()
    return t.ref(schemas), schemas.components


@pytest.mark.parametrize("version", parsers.VERSIONS)
def test_one_kind_as_all_kinds(version):
    whole = _fresh(version)
    objects, responses = dict(whole.objects), dict(whole.responses)
    queries, hidden = dict(whole.queries), dict(whole.hidden_queries)
    for kind, t in objects.items():
        alone = _fresh(version)
        assert _schema(alone, alone.objects[kind]) == _schema(whole, t), kind
        assert list(alone.objects) == list(objects)  # (and then every kind, in order)
    for kind, t in responses.items():
        alone = _fresh(version)
        assert kind in alone.responses
        assert _schema(alone, alone.responses[kind]) == _schema(whole, t), kind
    for kind, rows in queries.items():
        alone = _fresh(version)
        assert alone.queries[kind] == rows, kind
        assert alone.hidden_queries.get(kind) == hidden.get(kind), kind
    alone = _fresh(version)
    assert "no such kind" not in alone.responses and alone.queries.get("no such kind") is None
    assert list(alone.responses) == list(responses) and list(alone.queries) == list(queries)
