"""The job-description parser against wrong types and sizes in every field: it returns fields that
fit a C job_desc_msg_t, or raises job_desc.Invalid, never anything else (which would be a 500)."""
import json
import math

import pytest
from hypothesis import given, strategies as st

from fuzzing import CI, corpus, target

from slurmrestd_py.api import job_desc

pytestmark = pytest.mark.randomised

JOB = target("job_desc")
ENV = {"PATH": "/bin"}
# What a decoded JSON or YAML body can hold (media.decode saturates ints to int64 and refuses
# lone surrogates), at its edges.
NASTY = [None, True, False, 0, -1, 1, 2**15, 2**16, 2**31 - 1, 2**31, 2**32, 2**63 - 1, -(2**63),
         0.5, 2.5, -0.0, 1e300, -1e300, math.inf, -math.inf, math.nan, "", " ", "x", "-1", "0",
         "9" * 5000, "-" + "9" * 30, "1e999", "1:2:3:4:5", "99999999999-99999999999", "4294967296",
         "18446744073709551615T", "9223372036854775807K", "\x00", "é", "\U0001F600", "TOP", "none",
         "a,b,c", [], [None], [1, 2], [2**63 - 1, -(2**63)], ["a", 1, None, []], {}, {"a": {}},
         {"A": None, "B": [1]}]
KEYS = sorted(job_desc.OPTIONS)


def test_every_key_with_every_wrong_value():
    outcomes = {"fields": 0, "invalid": 0}
    for key in KEYS:
        for value in NASTY:
            for submit in (True, False):
                job = {"environment": ENV, key: value} if submit else {key: value}
                try:
                    desc = job_desc.parse(job, submit)
                except job_desc.Invalid as e:
                    json.dumps(e.entries, ensure_ascii=False).encode("utf-8")
                    outcomes["invalid"] += 1
                    continue
                JOB.check_fields(desc, submit)
                outcomes["fields"] += 1
    assert outcomes["fields"] and outcomes["invalid"]


@pytest.mark.parametrize("job, field, value", [
    ({"tasks": 100000, "cpus_per_task": 100000}, "min_cpus", (10**10) & 0xFFFFFFFF),  # C's int product
    ({"cpus_per_task": 70000}, "cpus_per_task", 70000 & 0xFFFF),  # an int into a uint16_t
    ({"nodes": "99999999999"}, "min_nodes", (99999999999 + 2**31) % 2**32 - 2**31 & 0xFFFFFFFF),
    ({"nodes": [2**40 + 3, 2**40 + 5]}, "max_nodes", 5),
    ({"memory_per_cpu": "9999999999999T"}, "pn_min_memory",
     (9999999999999 * 2**20) % 2**64 | job_desc.MEM_PER_CPU),
    ({"time_limit": "9" * 5000}, "time_limit", None),  # saturated, then masked: any uint32
    ({"tasks": 2.5}, "num_tasks", 2),  # lrint(): half to even, as the reference's conversion
    ({"ntasks_per_gpu": -1}, "ntasks_per_tres", 0xFFFF),
])
def test_c_integer_semantics(job, field, value):
    desc = job_desc.parse({"environment": ENV, **job}, True)
    JOB.check_fields(desc, True)
    if value is not None:
        assert desc[field] == value


@pytest.mark.parametrize("job, error", [
    ({"tasks": math.inf}, "ntasks too small"),  # lrint(inf) is LONG_MIN
    ({"tasks": math.nan}, "ntasks too small"),
    ({"cpus_per_task": -math.inf}, "cpus per task much be greater than 0"),
    ({"memory_per_node": "99999999999999999999999T"}, "Invalid memory specification"),  # strtoll ERANGE
    ({"nodes": "5-3"}, "Invalid node count string"),
])
def test_refused_like_the_reference(job, error):
    with pytest.raises(job_desc.Invalid) as e:
        job_desc.parse({"environment": ENV, **job}, True)
    assert e.value.entries[0]["error"] == error


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**63 - 1), st.floats(),
                     st.text(max_size=20), st.sampled_from([v for v in NASTY if isinstance(v, str)]))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=5)
_implemented = [k for k in KEYS if callable(job_desc.OPTIONS[k])]


@CI
@given(st.dictionaries(st.sampled_from(_implemented), _values, max_size=6), st.booleans(),
       st.booleans())
def test_any_description(job, submit, with_env):
    if with_env:
        job = {"environment": ENV, **job}
    JOB.parse_one(job, submit)


# Numbers of any length and sign inside each key's own syntax (C's strtol() saturates them;
# Python's int() refuses more than 4300 digits).
_PREFIXES = {"begin_time": ["now+", "now-", "uts"], "deadline": ["now+", "uts"],
             "distribution": ["plane="], "memory_binding": ["map_mem:0*", "mask_mem:0x1*", "map_mem:"],
             "gpu_binding": ["map_gpu:", "mask_gpu:1*", "per_task:", "single:"],
             "gpu_frequency": ["memory="], "signal": ["USR1@", "R:"], "cpu_frequency": ["1000-"],
             "delay_boot": ["1-", "0:", "99999999999999999999-"]}
_SUFFIXES = ["", "@1", "-1", ":1", ":1:1", "L", "s", "*2", "days", "K", "T", ";gpu:low", " ", "x"]
_digits = st.sampled_from([10, 19, 20, 30, 4400]).map(lambda n: "9" * n) | st.from_regex(
    r"[0-9]{1,40}", fullmatch=True)
_key_and_number = st.sampled_from(_implemented).flatmap(lambda key: st.tuples(
    st.just(key), st.builds(lambda p, sign, digits, s: p + sign + digits + s,
                            st.sampled_from(["", " "] + _PREFIXES.get(key, [])),
                            st.sampled_from(["", "-", "+"]), _digits, st.sampled_from(_SUFFIXES))))


@CI
@given(_key_and_number, st.booleans())
def test_numbers_in_every_key(key_and_number, submit):
    key, text = key_and_number
    job = {"environment": ENV, key: text} if submit else {key: text}
    JOB.parse_one(job, submit)


@CI
@given(st.binary(max_size=512))
def test_target_on_random_bytes(data):
    JOB.check(data)


@pytest.mark.parametrize("path", corpus("job_desc"), ids=lambda p: p.rsplit("/", 1)[-1])
def test_corpus(path):
    with open(path, "rb") as f:
        JOB.check(f.read())
