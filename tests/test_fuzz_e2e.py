"""Malformed and fuzzed requests through the real process (inetd mode on a pipe, as alice): each
answer is an error in the API's format, with no traceback; the process exits 0; and no fuzzed job
submission reaches Slurm (alice's jobs named fuzz-* are counted before and after)."""
import json
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from fuzzing import FUZZ, SEED, corpus
from reference import build_request
from service import run_ours, responses

from slurmrestd_py.api import job_desc

pytestmark = pytest.mark.randomised

V = "/slurm/v0.0.38"
CONF = os.environ.get("SLURM_CONF", "/var/lib/slurmrestd-py/22.05/etc/slurm.conf")
INTERNAL_ERROR = b"Internal error in slurmrestd-py"
MUTATIONS = int(os.environ.get("FUZZ_E2E", "40"))
PARALLEL = 8
sys.path.insert(0, FUZZ)

# Requests that are wrong at the HTTP level: each must be a 4xx that closes.
MALFORMED = [
    b"BLAH\r\n\r\n",
    b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /slurm/v0.0.38/%ff HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /slurm/v0.0.38/ping HTTP/1.1\r\n\r\n",  # no Host
    b"GET /slurm/v0.0.38/ping HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
    b"GET /slurm/v0.0.38/ping HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 70000 + b"\r\n\r\n",
    b"GET /slurm/v0.0.38/ping HTTP/1.1\r\nHost: x\r\n" + b"X-Y: z\r\n" * 5000 + b"\r\n",
    b"POST /slurm/v0.0.38/job/submit HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
    b"POST /slurm/v0.0.38/job/submit HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
    b"POST /slurm/v0.0.38/job/submit HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n{}",
    b"POST /slurm/v0.0.38/job/submit HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    b"POST /slurm/v0.0.38/job/submit HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"ffffffffffffffff\r\nabc",  # a huge chunk, then EOF
    b"POST /slurm/v0.0.38/job/submit HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{\"scr",  # EOF
    b"GET /slurm/v0.0.38/ping HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n",
    b"GET /nope HTTP/1.1\r\nHost: x\r\n\r\n",
    b"DELETE /slurm/v0.0.38/ping HTTP/1.1\r\nHost: x\r\n\r\n",
]
# Bodies that do not parse: a 4xx, and the connection may go on (the stream itself is sound).
BAD_BODIES = [
    build_request("POST", f"{V}/job/submit", '{"script": "x", "job": {', {"Content-Type": "application/json"}),
    build_request("POST", f"{V}/job/submit", b'{"a": "\\ud800"}'.decode(), {"Content-Type": "application/json"}),
    build_request("POST", f"{V}/job/submit", "a0: &a0 [0, *a0]\n", {"Content-Type": "application/x-yaml"}),
    build_request("POST", f"{V}/job/submit", "[" * 5000, {"Content-Type": "application/x-yaml"}),
    build_request("POST", f"{V}/job/submit", "{}", {"Content-Type": "text/plain"}),
]


def alice_fuzz_jobs():
    out = subprocess.run(["env", f"SLURM_CONF={CONF}", "squeue", "-h", "-a", "-t", "all", "-u", "alice",
                          "-o", "%i %j"], capture_output=True, text=True, check=True).stdout
    return {line.split()[0] for line in out.splitlines() if line.split()[1:2] and line.split()[1].startswith("fuzz-")}


def error_document(content_type, body):
    """An error answer read in the media type it came in (a mutated request may ask for YAML)."""
    if content_type == "application/json":
        return json.loads(body)
    if content_type in ("application/x-yaml", "application/yaml", "text/yaml"):
        from ruamel.yaml import YAML

        return YAML(typ="safe", pure=True).load(body)
    return None


def serve_one(raw):
    proc = run_ours(raw)
    return raw, proc


def check_process(raw, proc, http_error=False, closes=True):
    """The process's exit and answers; -> the answers' statuses."""
    assert proc.returncode == 0, (raw[:200], proc.returncode, proc.stderr[-2000:])
    assert b"Traceback" not in proc.stderr and b"Traceback" not in proc.stdout, proc.stderr[-2000:]
    assert INTERNAL_ERROR not in proc.stdout, (raw[:300], proc.stdout[:1000])
    got = responses(proc.stdout)
    statuses = [s for s, _, _ in got]
    for status, headers, body in got:
        if status >= 400:
            doc = error_document(headers.get("content-type", ""), body)
            assert isinstance(doc, dict) and "errors" in doc and "meta" in doc, (raw[:300], status, body[:500])
    if http_error:
        assert len(got) == 1 and 400 <= statuses[0] < 500, (raw[:300], proc.stdout[:500])
        assert not closes or got[0][1].get("connection") == "close"
    return statuses


def run_all(raws):
    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(serve_one, raws))


def test_malformed_http_is_a_4xx_in_the_api_format():
    for raw, proc in run_all(MALFORMED):
        check_process(raw, proc, http_error=True)
    for raw, proc in run_all(BAD_BODIES):
        check_process(raw, proc, http_error=True, closes=False)


def test_mutated_requests():
    import _driver

    rng = random.Random(SEED)
    seeds = []
    for path in corpus("protocol"):
        with open(path, "rb") as f:
            seeds.append(f.read()[2:])  # without the target's option bytes
    raws = [_driver.mutate(rng, rng.choice(seeds), seeds, [], 8192) for _ in range(MUTATIONS)]
    # Only what cannot reach Slurm's write paths: a mutated submission could be a valid one.
    raws = [r.replace(b"POST", b"PUTX").replace(b"DELETE", b"DELXTE") for r in raws]
    for raw, proc in run_all(raws):
        check_process(raw, proc)


def _invalid_descriptions(count):
    """(key, value) pairs job_desc.parse() refuses, spread over every key."""
    from test_fuzz_job_desc import NASTY

    env = {"PATH": "/bin"}
    found = []
    for key in sorted(job_desc.OPTIONS):
        for value in NASTY:
            try:
                job_desc.parse({"environment": env, key: value}, True)
            except job_desc.Invalid:
                found.append((key, value))
    step = max(1, len(found) // count)
    return found[::step][:count]


@pytest.fixture
def no_new_fuzz_jobs():
    before = alice_fuzz_jobs()
    yield
    new = alice_fuzz_jobs() - before
    if new:
        subprocess.run(["runuser", "-u", "alice", "--", "env", f"SLURM_CONF={CONF}", "scancel", *new],
                       check=False)
    assert not new, f"fuzzed submissions reached Slurm: jobs {sorted(new)}"


def test_fuzzed_job_submissions_submit_nothing(no_new_fuzz_jobs):
    raws = []
    for i, (key, value) in enumerate(_invalid_descriptions(MUTATIONS)):
        job = {"name": f"fuzz-{i}", "environment": {"PATH": "/bin"}, "current_working_directory": "/tmp",
               "hold": True, "memory_per_node": "16M", key: value}
        body = json.dumps({"script": "#!/bin/sh\ntrue\n", "job": job}, allow_nan=True)
        raws.append(build_request("POST", f"{V}/job/submit", body, {"Content-Type": "application/json"}))
        if i % 4 == 0:  # the het form, the bad description second
            body = json.dumps({"script": "#!/bin/sh\ntrue\n", "jobs": [{**job, key: "1"} if key != "nodes"
                               else {k: v for k, v in job.items() if k != key}, job]}, allow_nan=True)
            raws.append(build_request("POST", f"{V}/job/submit", body, {"Content-Type": "application/json"}))
    for raw, proc in run_all(raws):
        assert check_process(raw, proc) == [400], raw[-300:]
        # the parser's refusal, not slurmctld's: nothing was sent to it
        assert b"slurm_submit_batch_job" not in proc.stdout, proc.stdout[:800]
