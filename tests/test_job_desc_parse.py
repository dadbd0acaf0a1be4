"""The parse side of the v0.0.4x job description (parsers/tables/job_desc.py), without a cluster:
what each form of a value becomes, and the warnings and errors the reference gives for it."""
from types import SimpleNamespace

import pytest

from slurmrestd_py.parsers import Rules
from slurmrestd_py.parsers.parsing import Report
from slurmrestd_py.parsers.tables.job_desc import parse_job_desc, parse_submit

NO_VAL, INFINITE = 0xFFFFFFFE, 0xFFFFFFFF


class _Ctx:
    def __init__(self, rules):
        self.parser = SimpleNamespace(rules=rules)
        self.errors, self.warnings = [], []

    def error(self, code, source, description, error=None):
        self.errors.append((code, source, description))

    def warn(self, source, description):
        self.warnings.append((source, description))


DEFAULT = Rules()


def _parse(job, version="v0.0.42", rules=DEFAULT):
    ctx = _Ctx(rules)
    report = Report(ctx)
    return report.run(lambda: parse_job_desc(version, job, "#/job/", report)), ctx


@pytest.mark.parametrize("value, expected", [
    (5, 5), ("5", 5), ({"set": True, "number": 7}, 7), ({"set": False}, NO_VAL), ({"infinite": True}, INFINITE),
    (None, NO_VAL), ({"set": True, "infinite": False, "number": 0}, 0),
])
def test_time_limit_forms(value, expected):
    desc, ctx = _parse({"time_limit": value})
    assert desc == {"time_limit": expected} and not ctx.errors and not ctx.warnings


def test_time_limit_text_is_an_error():
    desc, ctx = _parse({"time_limit": "abc"})
    assert desc is None
    assert ctx.errors == [(9202, "#/job/time_limit/", 'Expected integer but got "abc"')]


def test_v0_0_40_names_types_and_warns_about_plain_numbers():
    rules = Rules(messages_name_types=True, numbers_are_objects=True)
    desc, ctx = _parse({"time_limit": 5}, "v0.0.40", rules)
    assert desc == {"time_limit": 5}
    assert ctx.warnings == [("#/job/time_limit/", ("Expected OpenAPI type=object (Slurm type=dictionary) but got "
                                                   "OpenAPI type=integer (Slurm type=64 bit integer)"))]
    desc, ctx = _parse({"time_limit": "abc"}, "v0.0.40", rules)
    assert desc is None and ctx.errors[0][:2] == (9209, "#/job/time_limit/")


def test_environment_and_conversions():
    desc, ctx = _parse({"environment": ["A=1", 5], "name": 7, "tasks": "2", "contiguous": "yes",
                        "memory_per_cpu": "1G", "nodes": "1-3", "hold": True})
    assert desc["environment"] == ["A=1", "5"] and desc["env_size"] == 2
    assert desc["name"] == "7" and desc["num_tasks"] == 2 and desc["contiguous"] == 1
    assert desc["pn_min_memory"] == 1024 | (1 << 63)
    assert (desc["min_nodes"], desc["max_nodes"]) == (1, 3) and desc["priority"] == 0
    assert [w[0] for w in ctx.warnings] == ["#/job/contiguous/", "#/job/name/", "#/job/tasks/"]


def test_silent_failure_and_unknown_fields():
    desc, ctx = _parse({"name": ["a"]})
    assert desc is None and not ctx.errors and ctx.warnings
    desc, ctx = _parse({"nope": {"a": 1, "b": [1]}})
    assert desc == {} and ctx.warnings == [
        ("#/job/nope/a/", 'Ignoring unknown field "a" of type 64 bit integer in DATA_PARSER_JOB_DESC_MSG'),
        ("#/job/nope/b/", 'Ignoring unknown field "b" of type list in DATA_PARSER_JOB_DESC_MSG')]


def test_submit_request_paths():
    ctx = _Ctx(Rules())
    report = Report(ctx)
    out = report.run(lambda: parse_submit("v0.0.42", {"jobs": [{"zz": 1}, {"tasks": "abc"}]}, "#/", report))
    assert out is None and [w[0] for w in ctx.warnings] == ["#/jobs[0]/zz/", "#/jobs[1]/tasks/"]
    ctx = _Ctx(Rules())
    report = Report(ctx)
    assert report.run(lambda: parse_submit("v0.0.42", [1], "#/", report)) is None
    assert ctx.errors == [(9209, "#/", "Rejecting list when dictionary expected")]


# cpu_freq_verify_cmdline() of 23.11 on (24.11, 26.05): OnDemand, Performance and UserSpace allowed
_GOVS = 0x84000000 | 0x82000000 | 0x80800000
_LOW, _USERSPACE, _PERFORMANCE, _ONDEMAND = 0x80000001, 0x80800000, 0x82000000, 0x84000000


@pytest.mark.parametrize("text, default, want", [
    ("low", NO_VAL, (NO_VAL, _LOW, _USERSPACE)),  # one frequency: UserSpace
    ("2000", NO_VAL, (NO_VAL, 2000, _USERSPACE)),
    ("ondemand", NO_VAL, (NO_VAL, NO_VAL, _ONDEMAND)),
    ("1000-2000:performance", NO_VAL, (1000, 2000, _PERFORMANCE)),
    ("1000:userspace", NO_VAL, (NO_VAL, 1000, _USERSPACE)),
    ("1000-2000", NO_VAL, None),  # a range needs a governor ...
    ("1000-2000", _PERFORMANCE, (1000, 2000, _PERFORMANCE)),  # ... or CpuFreqDef
    ("1000-2000:userspace", NO_VAL, None),  # UserSpace takes no range
    ("1000:performance", NO_VAL, None),  # p3 without a range: UserSpace only
    ("ondemand:performance", NO_VAL, None),  # a governor twice
    ("1000-2000:conservative", NO_VAL, None),  # not in CpuFreqGovernors
    ("2000-1000:performance", NO_VAL, None),  # min > max
    ("2000abc", NO_VAL, None), ("0", NO_VAL, None), ("", NO_VAL, None), ("1000-", _PERFORMANCE, None),
])
def test_cpu_frequency_verified(text, default, want):
    from slurmrestd_py.api.option_values import cpu_frequency_verified

    assert cpu_frequency_verified(text, _GOVS, default) == want


def test_sluid_text():
    """str2sluid(): "s" and 13 Crockford base-32 digits (either case; O is 0, I and L are 1); the
    inverse of the dumpers' _sluid()."""
    from slurmrestd_py.parsers.tables.job_desc import _str2sluid
    from slurmrestd_py.parsers.tables.jobs import _sluid

    for n in (1, 12345678901234567, 2**64 - 1):
        assert _str2sluid(_sluid(n)) == n and _str2sluid(_sluid(n).upper()) == n
    assert _str2sluid("s000000000000O") == 0 and _str2sluid("s000000000000L") == 1
    assert _str2sluid("s00000000000001") == 0 and _str2sluid("x0000000000001") == 0
    assert _str2sluid("s000000000000U") == 0  # (U is not a digit)
