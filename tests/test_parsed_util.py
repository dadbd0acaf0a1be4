"""/util/v0.0.44 and v0.0.45 (openapi/util): POST hostnames and POST hostlist against the release's
reference, field for field: expressions and lists, empty and missing fields, values of other types,
invalid expressions and unknown fields. Where no reference serves them (22.05, 24.11): our answers
say the same hosts as libslurm's hostlist functions do (`scontrol show hostnames` / `hostlist`)."""
import subprocess

import pytest

from parsed import assert_same, ours
from parsed import reference_paths

UTIL_VERSIONS = ("v0.0.44", "v0.0.45")
HOSTNAMES = [{"hostlist": "n[1-3],x"}, {"hostlist": "n3,n1,n2,n1"}, {"hostlist": "n[01-03]"}, {"hostlist": ""},
             {"hostlist": None}, {}, {"hostlist": 5}, {"hostlist": 1.5}, {"hostlist": True}, {"hostlist": {"a": 1}},
             {"hostlist": ["n[1-2]", "m"]}, {"hostlist": ["a", 1]}, {"hostlist": [1.5]}, {"hostlist": "n[1-"},
             {"hostlist": "a", "bogus": 1}, {"bogus": 1, "hostlist": 5}, {"zz": None, "hostlist": ["a", "b"], "aa": "x"},
             {"hostlist": "a", "meta": {}}, [1], None]
HOSTLIST = [{"hostnames": ["n1", "n2", "n3", "x"]}, {"hostnames": "n[1-3]"}, {"hostnames": []}, {"hostnames": None},
            {}, {"hostnames": ["n[1-"]}, {"hostnames": [["a"]]}, {"hostnames": [None]}, {"hostnames": ["b", "a", "a"]},
            {"hostnames": 7}, {"hostnames": [1.5, True]}, {"hostnames": ["n1", 5, "n2"]},
            {"hostnames": ["n1", "n[3-4]", "n2"]}, {"hostnames": [{"a": 1}]}, {"hostnames": ["n01", "n02", "n3"]},
            {"hostnames": ["a", None, "b"]}, {"hostnames": ["a"], "bogus": "x"}, [1]]


def served(version):
    if not any(p.startswith(f"/util/{version}/") for p in reference_paths()):
        pytest.skip(f"this release's slurmrestd does not serve /util/{version}: see test_same_hosts_as_libslurm")


@pytest.mark.parametrize("version", UTIL_VERSIONS)
@pytest.mark.parametrize("body", HOSTNAMES, ids=repr)
def test_hostnames(version, body):
    served(version)
    assert_same("POST", f"/util/{version}/hostnames", body)


@pytest.mark.parametrize("version", UTIL_VERSIONS)
@pytest.mark.parametrize("body", HOSTLIST, ids=repr)
def test_hostlist(version, body):
    served(version)
    assert_same("POST", f"/util/{version}/hostlist", body)


@pytest.mark.parametrize("version", UTIL_VERSIONS)
def test_not_served_by_other_versions(version):
    assert ours("POST", "/util/v0.0.43/hostnames", {"hostlist": "a"})[0] == 404
    assert ours("POST", f"/slurm/{version}/hostnames", {"hostlist": "a"})[0] == 404


def _scontrol(*args):
    return subprocess.run(["scontrol", *args], capture_output=True, text=True, check=True).stdout.split()


@pytest.mark.parametrize("version", UTIL_VERSIONS)
def test_same_hosts_as_libslurm(version):
    """On every release: our answers agree with scontrol's use of the same hostlist functions."""
    expression = "n[1-3,7],m[01-02],x"
    status, _, doc = ours("POST", f"/util/{version}/hostnames", {"hostlist": expression})
    assert status == 200, doc
    assert doc["hostnames"] == _scontrol("show", "hostnames", expression)
    status, _, doc = ours("POST", f"/util/{version}/hostlist", {"hostnames": doc["hostnames"]})
    assert status == 200, doc
    assert [doc["hostlist"]] == _scontrol("show", "hostlist", ",".join(_scontrol("show", "hostnames", expression)))
    assert doc["meta"]["plugin"] == {"type": "openapi/util", "name": "Slurm OpenAPI util",
                                     "data_parser": f"data_parser/{version}",
                                     "accounting_storage": doc["meta"]["plugin"]["accounting_storage"]}
