"""No one acts as someone else, no secret reaches a log, the YAML loader is the safe one, and the
header and body limits follow the environment. Jobs are alice's, named fuzz-sec-*, held, cancelled."""
import json
import os
import subprocess

import pytest

from daemons import shared_dir, token
from reference import build_request, reference
from service import ours, responses, run_ours

V = "/slurm/v0.0.38"
CONF = os.environ.get("SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")
SCRIPT = "#!/bin/sh\ntrue\n"


def job(name, **extra):
    return {"name": name, "environment": {"PATH": "/bin"}, "current_working_directory": "/tmp",
            "hold": True, "memory_per_node": "16M", "standard_output": "/dev/null", **extra}


def owner(job_id):
    out = subprocess.run(["env", f"SLURM_CONF={CONF}", "squeue", "-h", "-t", "all", "-j", str(job_id),
                          "-o", "%u"], capture_output=True, text=True, check=False).stdout
    return out.strip()


def jobs_named(prefix):
    out = subprocess.run(["env", f"SLURM_CONF={CONF}", "squeue", "-h", "-a", "-t", "all", "-o", "%i %j %u"],
                         capture_output=True, text=True, check=True).stdout
    return {tuple(line.split()) for line in out.splitlines() if line.split()[1].startswith(prefix)}


def cancel(job_id, user="alice"):
    subprocess.run(["runuser", "-u", user, "--", "env", f"SLURM_CONF={CONF}", "scancel", str(job_id)],
                   check=False, capture_output=True)


@pytest.mark.parametrize("headers", [{"X-SLURM-USER-NAME": "bob"}, {"X-SLURM-USER-NAME": "root"},
                                     {"X-SLURM-USER-NAME": "bob", "X-SLURM-USER-TOKEN": "x.y.z"}])
def test_local_auth_ignores_user_headers(headers):
    """rest_auth/local on alice's pipe: the kernel says alice, whatever the headers say."""
    status, _, body = ours("POST", f"{V}/job/submit", {"script": SCRIPT, "job": job("fuzz-sec-hdr")},
                           headers={"Content-Type": "application/json", **headers})
    assert status == 200, body
    try:
        assert owner(body["job_id"]) == "alice"
    finally:
        cancel(body["job_id"])


@pytest.mark.parametrize("extra", [{"user_id": 0}, {"user_id": "bob"}, {"group_id": 0}, {"user": "bob"},
                                   {"user_name": "root"}, {"uid": 0}])
def test_identity_fields_in_a_description_are_refused_as_by_the_reference(extra):
    before = jobs_named("fuzz-sec")
    body = {"script": SCRIPT, "job": job("fuzz-sec-field", **extra)}
    ref, our = reference("POST", f"{V}/job/submit", body), ours("POST", f"{V}/job/submit", body)
    assert ref[0] == our[0] == 400
    assert ref[2]["errors"] == our[2]["errors"]
    assert jobs_named("fuzz-sec") == before


def test_a_token_cannot_act_for_another_user():
    """rest_auth/jwt: alice's token naming bob is refused by slurmctld; no job is bob's."""
    before = jobs_named("fuzz-sec")
    raw = build_request("POST", f"{V}/job/submit", {"script": SCRIPT, "job": job("fuzz-sec-jwt")},
                        {"X-SLURM-USER-NAME": "bob", "X-SLURM-USER-TOKEN": token("alice")})
    proc = run_ours(raw, args="-a rest_auth/jwt")
    (status, _, body), = responses(proc.stdout)
    assert status >= 400 and json.loads(body)["errors"], body
    assert jobs_named("fuzz-sec") == before


def test_tokens_never_reach_the_log():
    secret = token("alice")
    with shared_dir("fuzz-sec-log-", 0o777) as d:
        log_file = os.path.join(d, "log")
        requests = b"".join([
            build_request("GET", f"{V}/ping", headers={"X-SLURM-USER-NAME": "alice", "X-SLURM-USER-TOKEN": secret}),
            build_request("GET", f"{V}/diag", headers={"Authorization": f"Bearer {secret}"}),
            build_request("GET", f"{V}/nope?token={secret[:20]}x", headers={"X-SLURM-USER-NAME": "bob",
                                                                           "X-SLURM-USER-TOKEN": secret}),
            build_request("POST", f"{V}/job/submit", "{", {"X-SLURM-USER-NAME": "alice",
                                                          "X-SLURM-USER-TOKEN": secret + "broken",
                                                          "Content-Type": "application/json"}),
        ])
        proc = run_ours(requests, args="-a rest_auth/jwt -vvvv", env={"SLURMRESTD_PY_LOG_FILE": log_file})
        with open(log_file, encoding="utf-8", errors="replace") as f:
            log = f.read()
    assert [s for s, _, _ in responses(proc.stdout)][:2] == [200, 200]
    assert "GET /slurm/v0.0.38/ping as alice" in log  # debug logging was on
    signature = secret.rsplit(".", 1)[1]
    for text in (log, proc.stderr.decode(errors="replace"), proc.stdout.decode(errors="replace")):
        assert secret not in text and signature not in text


def test_yaml_loader_is_the_safe_one():
    with shared_dir("fuzz-sec-yaml-", 0o777) as d:
        marker = os.path.join(d, "pwned")
        for body in (f"script: x\njob: !!python/object/apply:os.system ['touch {marker}']\n",
                     f"!!python/object/new:os.system ['touch {marker}']\n",
                     "script: !!python/name:os.system x\n"):
            status, _, doc = ours("POST", f"{V}/job/submit", body, headers={"Content-Type": "application/x-yaml"})
            assert status == 400 and "Unable to parse request body" in doc["errors"][0]["description"], doc
        assert not os.path.exists(marker)


@pytest.mark.parametrize("size, status", [(1000, 200), (3000, 431)])
def test_header_limit_follows_the_environment(size, status):
    raw = build_request("GET", f"{V}/ping", headers={"X-Pad": "a" * size})
    got = responses(run_ours(raw, env={"SLURMRESTD_PY_MAX_HEADER_BYTES": "2048"}).stdout)
    assert [s for s, _, _ in got] == [status]


@pytest.mark.parametrize("size, status", [(100, 400), (3000, 413)])
def test_body_limit_follows_the_environment_chunked_too(size, status):
    head = (f"POST {V}/job/submit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n").encode()
    raw = head + b"%x\r\n%s\r\n0\r\n\r\n" % (size, b"[" * size)
    got = responses(run_ours(raw, env={"SLURMRESTD_PY_MAX_BODY_BYTES": "2048"}).stdout)
    assert [s for s, _, _ in got] == [status]
