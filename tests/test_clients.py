"""Real clients against the served OpenAPI document: schemathesis over every operation, and a client
generated from PyPI's openapi-python-client for the v0.0.38 read endpoints and job submission.

Both talk to our listening daemon (JWT, as user slurmrestd). Schemathesis asks as SCHEMA_USER, a user
slurmdbd has no association for: it can read, but its submissions and writes are refused by Slurm,
so random bodies change nothing. A 5xx is allowed only where the reference answers the very same
request with a 5xx too (it answers most Slurm failures with 500); on a release whose slurmrestd does
not serve v0.0.36-38 (24.11, 26.05), only as Slurm's own refusal in the API's error format. No
answer may carry a traceback.
SRPY_SCHEMATHESIS_EXAMPLES sets the examples per operation (default: a bounded pass for CI).
"""
import importlib
import os
import shlex
import subprocess
import sys
import uuid

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings

from daemons import daemon, ensure_user, free_port, shared_dir, token
from service import COMMAND, slurm_release
from slurmrestd_py.app import INTERNAL_ERROR

SCHEMA_USER = "srpy-schema"
JWT_ENV = {"SLURM_JWT": "daemon"}
pytestmark = pytest.mark.portable  # v0.0.36-38 on every release (the reference serves them on 22.05 only)
EXAMPLES = int(os.environ.get("SRPY_SCHEMATHESIS_EXAMPLES", "4"))
# The versions this file checks (the parser versions have tests/test_parsed_clients.py)
V36_38 = ("v0.0.38", "dbv0.0.38", "v0.0.37", "dbv0.0.37", "v0.0.36", "dbv0.0.36")



@pytest.fixture(scope="module")
def servers():
    """(our base URL, the reference's base URL, the headers that authenticate SCHEMA_USER)."""
    ensure_user(SCHEMA_USER)
    ours, ref = free_port(), free_port()
    with daemon([*shlex.split(COMMAND), "-a", "rest_auth/jwt", "-s", ",".join(V36_38), f"127.0.0.1:{ours}"], env=JWT_ENV,
                wait_for=("127.0.0.1", ours)), \
         daemon(["slurmrestd", "-a", "rest_auth/jwt", f"127.0.0.1:{ref}"], env=JWT_ENV,
                wait_for=("127.0.0.1", ref)):
        yield (f"http://127.0.0.1:{ours}", f"http://127.0.0.1:{ref}",
               {"X-SLURM-USER-NAME": SCHEMA_USER, "X-SLURM-USER-TOKEN": token(SCHEMA_USER)})


@pytest.fixture(scope="module")
def served_schema(servers):
    ours, _, headers = servers
    return schemathesis.openapi.from_url(f"{ours}/openapi/v3", headers=headers)


def _operations():
    """(method, path template) of every v0.0.36-38 operation, known before any server starts so
    that each gets a test of its own."""
    from slurmrestd_py import api, versions

    return sorted((r.method, r.template) for r in api.routes(versions.PLUGINS[n] for n in V36_38))


def _reference_status(case, ref, headers):
    """The reference's status for the same request; None if it dropped the connection (it aborts
    on some inputs), or when the request must not reach it: names beyond U+FFFF, which it hands to
    slurmdbd as they are, can take slurmdbd down for the rest of the run (ours guards against them)."""
    kwargs = case.as_transport_kwargs(base_url=ref, headers=headers)
    if any(ord(c) > 0xFFFF for c in str(kwargs.get("url")) + str(kwargs.get("params"))):
        return None
    try:
        return requests.request(**kwargs, timeout=60).status_code
    except requests.RequestException:
        return None


def _check(case, servers):
    ours, ref, headers = servers
    response = case.call(headers=headers, timeout=60)
    text = response.content.decode("utf-8", "replace")
    assert "Traceback" not in text and 'File "/' not in text, text[:2000]
    if response.status_code >= 500 and not slurm_release().startswith("22.05."):
        # No reference to ask: a 5xx must be Slurm's own refusal, said in the version's error format.
        assert response.json().get("errors") and INTERNAL_ERROR not in text, (
            f"{case.method} {case.formatted_path}: ours {response.status_code}\n{text[:1000]}")
    elif response.status_code >= 500:
        reference = _reference_status(case, ref, headers)
        assert reference is None or reference >= 500, (
            f"{case.method} {case.formatted_path}: ours {response.status_code}, reference {reference}"
            f"\n{text[:1000]}")
    if response.status_code not in (204, 304) and case.path != "/openapi.yaml":
        content_type = (response.headers.get("content-type") or [""])[0]  # schemathesis: lists
        assert content_type.startswith("application/json"), response.headers
        response.json()


@pytest.mark.parametrize("method, path", _operations(), ids=lambda value: value)
def test_every_operation(served_schema, servers, method, path):
    operation = served_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        _check(case, servers)

    run()


# -- a generated client -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def generated(servers):
    """A client package generated by openapi-python-client from our v0.0.38 document."""
    ours, _, headers = servers
    doc = requests.get(f"{ours}/openapi/v3", headers=headers, timeout=60)
    assert doc.status_code == 200
    with shared_dir("srpy-client-") as d:
        path = os.path.join(d, "openapi.json")
        with open(path, "wb") as f:
            f.write(doc.content)
        config = os.path.join(d, "config.yaml")
        with open(config, "w") as f:
            f.write("post_hooks: []\n")  # no ruff run: the package is used, not read
        name = f"slurm_client_{uuid.uuid4().hex[:8]}"
        gen = os.path.join(os.path.dirname(sys.executable), "openapi-python-client")
        proc = subprocess.run([gen, "generate", "--path", path, "--config", config, "--meta", "none",
                               "--output-path", os.path.join(d, name)],
                              capture_output=True, text=True, timeout=300, cwd=d)
        assert os.path.isdir(os.path.join(d, name, "api")), proc.stdout + proc.stderr
        sys.path.insert(0, d)
        try:
            yield name
        finally:
            sys.path.remove(d)
            for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
                del sys.modules[module]


def _api(package, operation):
    return importlib.import_module(f"{package}.api.slurm.slurm_v0_0_38_{operation}")


def _client(package, base_url, user):
    client = importlib.import_module(f"{package}.client")
    return client.Client(base_url=base_url, raise_on_unexpected_status=True, timeout=60,
                         headers={"X-SLURM-USER-NAME": user, "X-SLURM-USER-TOKEN": token(user)})


@pytest.mark.parametrize("operation, args, key", [
    ("ping", {}, "pings"),
    ("diag", {}, "statistics"),
    ("get_jobs", {}, "jobs"),
    ("get_nodes", {}, "nodes"),
    ("get_node", {"node_name": "vm"}, "nodes"),
    ("get_partitions", {}, "partitions"),
    ("get_partition", {"partition_name": "debug"}, "partitions"),
    ("get_reservations", {}, "reservations"),
    ("slurmctld_get_licenses", {}, "licenses"),
])
def test_generated_client_reads(generated, servers, operation, args, key):
    client = _client(generated, servers[0], "alice")
    response = _api(generated, operation).sync_detailed(client=client, **args)
    assert response.status_code == 200
    parsed = response.parsed.to_dict()
    assert parsed["errors"] == [] and key in parsed, parsed
    if operation in ("get_node", "get_partition"):
        assert len(parsed[key]) == 1


def test_generated_client_submits_and_cancels(generated, servers):
    models = importlib.import_module(f"{generated}.models")
    client = _client(generated, servers[0], "alice")
    name = f"client-{uuid.uuid4().hex[:6]}"
    body = models.V0038JobSubmission(
        script="#!/bin/sh\ntrue\n",
        job=models.V0038JobProperties(name=name, partition="debug", hold=True, current_working_directory="/tmp",
                                      environment=models.V0038JobPropertiesEnvironment.from_dict({"PATH": "/bin"})))
    response = _api(generated, "submit_job").sync_detailed(client=client, body=body)
    assert response.status_code == 200, response.content
    job_id = response.parsed.job_id
    try:
        got = _api(generated, "get_job").sync_detailed(str(job_id), client=client).parsed.to_dict()
        (job,) = got["jobs"]
        assert (job["name"], job["user_name"], job["job_state"]) == (name, "alice", "PENDING")
    finally:
        cancelled = _api(generated, "cancel_job").sync_detailed(str(job_id), client=client)
        assert cancelled.status_code == 200
