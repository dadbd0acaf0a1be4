"""ping, diag, licenses and the OpenAPI document over HTTP, against the reference on the same cluster."""
import json

import pytest

from compare import differences
from reference import build_request, reference
from service import ours, raw_ours, responses

# Counters and clocks that move between two calls.
DIAG_MOVES = {
    "$.statistics.req_time", "$.statistics.req_time_start", "$.statistics.server_thread_count",
    "$.statistics.agent_queue_size", "$.statistics.agent_count", "$.statistics.agent_thread_count",
    "$.statistics.dbd_agent_queue_size", "$.statistics.jobs_submitted", "$.statistics.jobs_started",
    "$.statistics.jobs_completed", "$.statistics.jobs_canceled", "$.statistics.jobs_failed",
    "$.statistics.jobs_pending", "$.statistics.jobs_running", "$.statistics.job_states_ts",
    "$.statistics.schedule_cycle_max", "$.statistics.schedule_cycle_last", "$.statistics.schedule_cycle_total",
    "$.statistics.schedule_cycle_mean", "$.statistics.schedule_cycle_mean_depth",
    "$.statistics.schedule_cycle_per_minute", "$.statistics.schedule_queue_length",
    "$.statistics.bf_backfilled_jobs", "$.statistics.bf_last_backfilled_jobs", "$.statistics.bf_cycle_counter",
    "$.statistics.bf_cycle_mean", "$.statistics.bf_depth_mean", "$.statistics.bf_depth_mean_try",
    "$.statistics.bf_cycle_last", "$.statistics.bf_cycle_max", "$.statistics.bf_last_depth",
    "$.statistics.bf_last_depth_try", "$.statistics.bf_queue_len", "$.statistics.bf_queue_len_mean",
    "$.statistics.bf_table_size", "$.statistics.bf_table_size_mean", "$.statistics.bf_when_last_cycle",
    "$.statistics.bf_active", "$.statistics.bf_backfilled_het_jobs", "$.statistics.parts_packed",
    "$.statistics.rpcs_by_message_type", "$.statistics.rpcs_by_user",
}


@pytest.mark.parametrize("path, ignore", [
    ("/slurm/v0.0.38/ping", set()),
    ("/slurm/v0.0.38/licenses", set()),
    ("/slurm/v0.0.38/diag", DIAG_MOVES),
])
def test_same_document_as_the_reference(path, ignore):
    (rs, _, rb), (os_, oh, ob) = reference("GET", path), ours("GET", path)
    assert (rs, os_) == (200, 200)
    assert oh["content-type"] == "application/json"
    assert differences(rb, ob, ignore) == []


def test_diag_rpc_tables_have_the_reference_shape():
    _, _, rb = reference("GET", "/slurm/v0.0.38/diag")
    _, _, ob = ours("GET", "/slurm/v0.0.38/diag")
    for table in ("rpcs_by_message_type", "rpcs_by_user"):
        assert ob["statistics"][table], table
        assert [sorted(r) for r in ob["statistics"][table][:1]] == [sorted(r) for r in rb["statistics"][table][:1]]


def openapi_answers():
    paths = ["/openapi", "/openapi/v3", "/openapi.json", "/openapi.yaml"]
    raw = raw_ours(b"".join(build_request("GET", p) for p in paths))
    return dict(zip(paths, responses(raw)))


def test_openapi_document_is_valid_and_one_in_every_form():
    from openapi_spec_validator import validate

    from slurmrestd_py import media

    got = openapi_answers()
    assert {p: (s, h["content-type"]) for p, (s, h, _) in got.items()} == {
        "/openapi": (200, "application/json"), "/openapi/v3": (200, "application/json"),
        "/openapi.json": (200, "application/json"), "/openapi.yaml": (200, "application/x-yaml")}
    doc = json.loads(got["/openapi/v3"][2])
    validate(doc)
    assert json.loads(got["/openapi"][2]) == doc == json.loads(got["/openapi.json"][2])
    assert media.decode("application/x-yaml", got["/openapi.yaml"][2]) == doc


def test_openapi_document_describes_exactly_what_is_served():
    from slurmrestd_py import api, versions

    doc = json.loads(openapi_answers()["/openapi/v3"][2])
    # (a route whose Operation.rule this release's Rules turn off answers 404 and is not described)
    served = {(r.template, r.method.lower())
              for r in api.routes(versions.PLUGINS[n] for n in versions.DEFAULT_PLUGINS)
              if r.plugin is None or not versions.PLUGINS[r.plugin].parser
              or api.operation(r.operation).served(versions.PLUGINS[r.plugin].data_parser.rules)}
    documented = {(p, m) for p, item in doc["paths"].items() for m in item if m in ("get", "post", "delete")}
    assert documented == served
    # Every schema the paths refer to is in the document.
    text = json.dumps(doc)
    for ref in {part.split('"')[0] for part in text.split('"$ref": "#/components/schemas/')[1:]}:
        assert ref in doc["components"]["schemas"], ref


def test_the_default_document_is_sent_as_made_ahead(tmp_path, monkeypatch):
    """openapi/served.py: the files `python -m slurmrestd_py.openapi.served` writes are the bytes a
    process would make itself, and a process reads them (a planted file is what it sends); a file
    made by other code is not read."""
    from slurmrestd_py import api, media, versions
    from slurmrestd_py.api.openapi import describe
    from slurmrestd_py.openapi import served

    plugins = [versions.PLUGINS[n] for n in ("v0.0.38", "dbv0.0.38", "v0.0.42", "dbv0.0.42")]
    routes = list(api.routes(plugins))
    monkeypatch.setattr(served, "DIRECTORY", str(tmp_path))
    served.write(plugins)
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".yaml"]
    doc = describe(routes)
    for media_type in ("application/json", "application/x-yaml"):
        made = media.encode(media_type, served.document(routes))
        assert made == media.encode(media_type, doc)
    (path,) = tmp_path.glob("*.json")
    path.write_bytes(b'{"planted": true}')
    assert media.encode("application/json", served.document(routes)) == b'{"planted": true}'
    monkeypatch.setattr(served, "_code_key", lambda: __import__("hashlib").sha256(b"other code"))
    assert media.encode("application/json", served.document(routes)) == media.encode("application/json", doc)


def test_the_installed_service_sends_the_document_made_at_install():
    """scripts/install writes the default set's document (README, "What it serves"): the installed
    package holds it in both forms, and GET /openapi/v3 and /openapi.yaml answer those bytes."""
    from service import COMMAND

    if COMMAND != "/opt/slurmrestd-py/venv/bin/slurmrestd-py":
        pytest.skip("SLURMRESTD_PY_CMD: the code under test is a checkout, not the installed package")
    import subprocess

    code = ("from slurmrestd_py import api, versions; from slurmrestd_py.openapi import served\n"
            "routes = list(api.routes(versions.PLUGINS[n] for n in versions.DEFAULT_PLUGINS))\n"
            "print(served._path(served._code_key(), served._names(routes), 'json'))")
    path = subprocess.run(["/opt/slurmrestd-py/venv/bin/python", "-I", "-c", code], capture_output=True,
                          text=True, check=True).stdout.strip()
    got = openapi_answers()
    with open(path, "rb") as f:
        assert got["/openapi/v3"][2] == f.read()
    with open(path[:-len("json")] + "yaml", "rb") as f:
        assert got["/openapi.yaml"][2] == f.read()
