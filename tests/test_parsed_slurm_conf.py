"""slurm GET conf (v0.0.45, new in 26.05): slurmctld's configuration, field for field against
26.05's reference, and the facts `scontrol show config` gives of it on every release."""
import os
import re
import subprocess

import pytest

from parsed import assert_same, ours, served

# What legitimately moves between two asks: the configuration's and the controller's clocks,
# and the next job id (other engineers submit jobs on the shared cluster).
MOVING = {"$.slurm_conf_meta.LastUpdate", "$.slurm_conf_meta.NEXT_JOB_ID.number"}


def test_slurm_conf():
    served("v0.0.45")
    doc = assert_same("GET", "/slurm/v0.0.45/conf", ignore=MOVING)
    assert doc["slurm_conf"]["ClusterName"] and doc["slurm_conf"]["controllers"]


def test_slurm_conf_unchanged_since():
    """update_time after the last change: the reference's warning, with no configuration. (Its
    description's time is not compared: the reference writes it as an overflowed span from now.)"""
    served("v0.0.45")
    _, _, doc = ours("GET", "/slurm/v0.0.45/conf")
    last = doc["slurm_conf_meta"]["LastUpdate"]
    doc = assert_same("GET", f"/slurm/v0.0.45/conf?update_time={last + 1}", ignore={"$.warnings[].description"})
    assert doc["warnings"][0]["description"].startswith(f"No config changes since update_time[{last + 1}]=")


def _scontrol_config():
    out = subprocess.run(["scontrol", "show", "config"], capture_output=True, text=True, env={**os.environ}).stdout
    return dict(m.groups() for m in re.finditer(r"^(\S+)\s+= (.*)$", out, re.M))


def _csv(text):
    return [] if text in ("(null)", "") else text.split(",")


def test_slurm_conf_same_facts_as_scontrol():
    """Our v0.0.45 answer carries what `scontrol show config` says, on every release (22.05 and
    24.11 serve no v0.0.45 reference)."""
    status, _, doc = ours("GET", "/slurm/v0.0.45/conf")
    assert status == 200 and not doc["errors"], doc
    conf, meta, facts = doc["slurm_conf"], doc["slurm_conf_meta"], _scontrol_config()
    for key in ("ClusterName", "AccountingStorageType", "AccountingStorageHost", "AuthType", "SchedulerType",
                "SelectType", "ProctrackType", "StateSaveLocation", "SlurmdSpoolDir", "SlurmctldPidFile",
                "SlurmctldLogFile", "PluginDir", "MailProg", "PriorityType", "SlurmctldDebug", "SlurmdDebug",
                "ReturnToService"):
        theirs = facts[key]
        if key == "ReturnToService":  # scontrol writes the number
            theirs = ("none", "non_responsive_only", "all")[int(theirs)]
        assert conf[key] == ("" if theirs == "(null)" else theirs), (key, conf[key], theirs)
    for key in ("AccountingStoragePort", "SlurmctldPort", "KillWait", "MessageTimeout", "MaxJobCount",
                "FirstJobId", "MaxArraySize", "TreeWidth", "SlurmdTimeout"):
        assert conf[key] == int(facts[key].split()[0]), (key, conf[key], facts[key])
    for key in ("SlurmctldTimeout", "MinJobAge", "InactiveLimit", "BatchStartTimeout", "WaitTime"):
        assert conf[key] == int(facts[key].split()[0]), (key, conf[key], facts[key])
    assert conf["SlurmUser"] == facts["SlurmUser"].split("(")[0]
    assert conf["SlurmUserId"] == int(facts["SlurmUser"].split("(")[1].rstrip(")"))
    assert conf["SelectTypeParameters"] == _csv(facts["SelectTypeParameters"])
    for key in ("HealthCheckNodeState", "EnforcePartLimits", "AccountingStorageEnforce", "AuthAltTypes",
                "BcastExclude"):
        assert conf[key] == _csv(facts[key]), (key, conf[key], facts[key])
    assert conf["LogTimeFormat"] == facts["LogTimeFormat"]
    assert conf["PreemptMode"] == ["DISABLED" if m == "OFF" else m for m in _csv(facts["PreemptMode"])]
    assert conf["PropagatePrioProcess"] == ("off", "on", "nicer")[int(facts["PropagatePrioProcess"])]
    if "PriorityDecayHalfLife" in facts:  # (priority/basic does not list it)
        assert conf["PriorityDecayHalfLife"] == facts["PriorityDecayHalfLife"]
    assert conf["JobRequeue"] == (facts["JobRequeue"] == "1")
    assert conf["GresTypes"] == _csv(facts["GresTypes"])
    assert conf["controllers"][0]["machine"] == facts["SlurmctldHost[0]"].split("(")[0]
    assert meta["SLURM_VERSION"] == facts["SLURM_VERSION"]
    assert meta["SLURM_CONF"] == facts["SLURM_CONF"]


@pytest.mark.parametrize("version", ["v0.0.42", "v0.0.43", "v0.0.44"])
def test_slurm_conf_only_v0_0_45(version):
    """Versions before v0.0.45 have no conf: a 404, as the reference's (whose body is text)."""
    assert ours("GET", f"/slurm/{version}/conf")[0] == 404


def test_slurm_conf_bad_update_time():
    served("v0.0.45")
    assert_same("GET", "/slurm/v0.0.45/conf?update_time=yesterday-ish")
