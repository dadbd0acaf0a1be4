"""The parser versions' OpenAPI documents, made from their tables: valid, and the schemas of what
they serve the same as the reference's own document (`slurmrestd --generate-openapi-spec`, 24.05
on) key for key, in order, with the same types."""
import functools
import subprocess

import pytest

from slurmrestd_py import api, openapi, versions

PARSED = [p for p in versions.PLUGINS.values() if p.parser]
VERSIONS = sorted({p.parser for p in PARSED})


def _document(plugins):
    routes = api.routes(plugins)
    return openapi.document(plugins, [(r.template, r.method) for r in routes])


def test_merged_document_is_valid():
    from openapi_spec_validator import validate

    validate(_document(list(versions.PLUGINS.values())))


@pytest.mark.parametrize("plugin", PARSED, ids=lambda p: p.name)
def test_every_route_is_documented(plugin):
    doc = _document([plugin])
    routes = {(r.template, r.method.lower()) for r in api.routes([plugin]) if r.plugin}
    assert routes and routes == {(p, m) for p, item in doc["paths"].items() for m in item}


@functools.lru_cache(maxsize=None)
def reference_document(version):
    proc = subprocess.run(["slurmrestd", "--generate-openapi-spec", "-s", "slurmctld,slurmdbd", "-d", version],
                          capture_output=True, text=True, timeout=60, check=False)
    if proc.returncode != 0:
        return None
    import json

    return json.loads(proc.stdout)


def _shape(schema, components, prefix, depth=0):
    """Keys, order and types of a schema, $refs named without their version prefix."""
    if "$ref" in schema:
        return ("ref", schema["$ref"].rsplit("/", 1)[-1][len(prefix) + 1:])
    if schema.get("type") == "object" and "properties" in schema:
        return ("object", [(k, _shape(v, components, prefix, depth + 1)) for k, v in schema["properties"].items()],
                schema.get("required") or [])  # the reference's empty lists are left out (a repair)
    if schema.get("type") == "array":
        return ("array", _shape(schema["items"], components, prefix, depth + 1))
    return (schema.get("type"), schema.get("format"), tuple(schema.get("enum", ())))


def _version_document(version):
    return _document([p for p in PARSED if p.parser == version])


@pytest.mark.cluster
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("schema", ["partition_info", "openapi_partition_resp", "openapi_meta", "openapi_error",
                                    "uint32_no_val", "partition_states", "oversubscribe_flags", "tres",
                                    "openapi_tres_resp", "job", "step", "openapi_slurmdbd_jobs_resp", "assoc_short",
                                    "process_exit_code_verbose", "wckey_tag_struct", "tres_nct", "job_list",
                                    "step_list", "slurmdb_job_flags", "job_state"])
def test_schema_as_the_reference(version, schema):
    ref = reference_document(version)
    if ref is None or not any(k.startswith(version + "_") for k in ref["components"]["schemas"]):
        pytest.skip(f"this release's slurmrestd cannot describe {version}")
    parser = [p for p in PARSED if p.parser == version][0].data_parser
    name = f"{version}_{parser.schema_names.get(schema, schema)}"
    if name not in ref["components"]["schemas"]:
        pytest.skip(f"the reference has no {name} (v0.0.41 writes its schemas inline)")
    ours = _version_document(version)["components"]["schemas"]
    assert _shape(ours[name], ours, version) == _shape(ref["components"]["schemas"][name], ref, version)


@pytest.mark.cluster
@pytest.mark.parametrize("plugin", PARSED, ids=lambda p: p.name)
def test_operations_as_the_reference(plugin):
    """Each operation we serve is described as the reference describes it: tags, summary,
    operationId, parameters, and its answers' descriptions and schema names."""
    ref = reference_document(plugin.parser)
    if ref is None or not any(k.startswith(plugin.parser + "_") for k in ref["components"]["schemas"]):
        pytest.skip(f"this release's slurmrestd cannot describe {plugin.parser}")
    ours = _document([plugin])["paths"]
    assert ours
    for path, item in ours.items():
        for method, op in item.items():
            theirs = ref["paths"][path][method]
            for key in ("tags", "summary", "deprecated", "operationId", "parameters"):
                assert op.get(key) == theirs.get(key), (path, method, key)
            assert {k: v["description"] for k, v in op["responses"].items()} == \
                   {k: v["description"] for k, v in theirs["responses"].items()}, (path, method)
            answer = op["responses"]["200"]["content"]["application/json"]["schema"]
            their_answer = theirs["responses"]["200"]["content"]["application/json"]["schema"]
            assert answer.get("$ref") == their_answer.get("$ref"), (path, method)
            # the repair: failed answers are described by the reference's own openapi_resp
            failure = op["responses"]["default"]["content"]["application/json"]["schema"]
            assert failure == {"$ref": f"#/components/schemas/{plugin.parser}_openapi_resp"}
