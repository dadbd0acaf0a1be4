"""The reference's OpenAPI documents, as shipped, carry every repair of slurmrestd_py/openapi/repair.py
(so an edit of the table is not forgotten in the data files), and the merged document stays valid."""
import copy
import json

import pytest

from slurmrestd_py.openapi import repair


@pytest.mark.parametrize("plugin", repair.PLUGINS)
def test_documents_are_repaired(plugin):
    from slurmrestd_py import openapi

    doc = openapi._load(plugin)
    assert repair.repair(copy.deepcopy(doc), plugin) == doc, \
        "run: python -m slurmrestd_py.openapi.repair"


def test_repair_table_names_existing_fields():
    from slurmrestd_py import openapi

    docs = [openapi._load(p)["components"]["schemas"] for p in repair.PLUGINS]
    for path in [*repair.TYPES, *repair.NULLABLE]:
        assert any(repair._field(schemas, path) is not None for schemas in docs), path


def test_error_envelope_describes_every_default_response():
    from slurmrestd_py import openapi

    for plugin in repair.PLUGINS:
        doc = openapi._load(plugin)
        for item in doc["paths"].values():
            for op in item.values():
                default = op.get("responses", {}).get("default") if isinstance(op, dict) else None
                if default is not None:
                    assert json.dumps(default["content"]).count(f"{plugin}_errors") == 2
