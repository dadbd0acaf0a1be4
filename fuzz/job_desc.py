"""Fuzz target: job descriptions (the `job` of POST /job/submit, the body of POST /job/{id}) ->
api.job_desc.parse() -> the C job_desc_msg_t that slurm/jobs.py would hand to libslurm.

Input: byte 0 bit 0 says submit (sbatch's defaults) or update, bit 1 JSON or YAML; the rest is the
body, decoded by media.decode() as the service does (so values are what a client can send). A list
is parsed item by item, as a het job.

Invariants: parse() returns fields or raises job_desc.Invalid, nothing else; Invalid's entries are
dicts that encode as JSON; the fields are ints, strings or lists of strings that fit the C struct
(checked by filling a real job_desc_msg_t when the compiled module is there); a submission has an
environment; user_id and group_id are never the client's.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _driver  # noqa: E402

with _driver.instrumented(__name__):
    from slurmrestd_py import media
    from slurmrestd_py.api import job_desc
    from slurmrestd_py.errors import ApiError

try:
    from slurmrestd_py.slurm._lib import load
    from slurmrestd_py.slurm.jobs import _job_desc

    _FFI, _LIB = load()
except ImportError:  # a checkout without the compiled module: check the Python side only
    _FFI = _LIB = _job_desc = None


def check_fields(desc, submit):
    assert isinstance(desc, dict)
    for name, value in desc.items():
        assert isinstance(name, str)
        if isinstance(value, list):
            assert all(isinstance(v, str) for v in value), (name, value)
        else:
            assert isinstance(value, (int, str)) and not isinstance(value, bool), (name, value)
    # the ids are left to slurm_init_job_desc_msg()
    assert "user_id" not in desc and "group_id" not in desc
    if submit:
        assert desc.get("environment"), desc
    if _job_desc is not None:
        _job_desc(_FFI, _LIB, desc, [])  # OverflowError / TypeError / UnicodeEncodeError: a 500


def parse_one(item, submit):
    try:
        desc = job_desc.parse(item, submit)
    except job_desc.Invalid as e:
        # no entries is an answer too: what libslurm refuses without a word (the caller adds its own)
        assert isinstance(e.entries, list)
        assert all(isinstance(entry, dict) for entry in e.entries)
        json.dumps(e.entries, ensure_ascii=False).encode("utf-8")
        return
    check_fields(desc, submit)


def check(data):
    if not data:
        return
    submit = bool(data[0] & 1)
    content_type = "application/x-yaml" if data[0] & 2 else "application/json"
    try:
        doc = media.decode(content_type, data[1:])
    except ApiError:
        return
    items = doc if isinstance(doc, list) else [doc]
    for item in items:
        if isinstance(item, dict):
            parse_one(item, submit)


if __name__ == "__main__":
    sys.exit(_driver.main(check))
