"""The slurm.conf of a private slurmctld: the benches' (bench/scale.py, bench/slurmdb_jobs.py) and the
fault tests' (tests/faultcluster.py) own controllers, which leave the shared test cluster alone.

It lives in tests/ beside the other helpers the benches reuse: pytest puts tests/ on sys.path, and
bench scripts add it the way bench/load.py does; neither sees bench/ or the repository root.
"""
import os
import shutil
import socket


def write_slurm_conf(base, name, port, munge_socket, nodes, comment, accounting=False, **settings):
    """Write `base`/etc/slurm.conf (mode 0644) and return its path, making the state, log and run
    directories beside it (owned by slurm) that it names.

    Cluster `name`, slurmctld on this host's `port`, munge through `munge_socket`; with `accounting`,
    jobs are recorded by the slurmdbd on localhost (its default port unless `settings` says).
    `settings` (slurm.conf keys) replace or follow the common ones; `nodes` (the NodeName and
    PartitionName lines) come last, after `comment` (a first line saying who wrote the file).
    """
    for sub in ("etc", "state", "log", "run"):
        os.makedirs(f"{base}/{sub}", exist_ok=True)
    for sub in ("state", "log", "run"):
        shutil.chown(f"{base}/{sub}", "slurm", "slurm")
    conf = {
        "ClusterName": name,
        "SlurmctldHost": socket.gethostname().split(".")[0],
        "SlurmctldPort": port,
        "SlurmUser": "slurm",
        "AuthType": "auth/munge",
        "AuthInfo": f"socket={munge_socket}",
        "CredType": "cred/munge",
        "StateSaveLocation": f"{base}/state",
        "SlurmctldPidFile": f"{base}/run/slurmctld.pid",
        "SlurmctldLogFile": f"{base}/log/slurmctld.log",
        "SlurmctldDebug": "error",
        "ProctrackType": "proctrack/linuxproc",
        "TaskPlugin": "task/none",
        "SwitchType": "switch/none",
        "MpiDefault": "none",
        "SchedulerType": "sched/backfill",
        "SelectType": "select/cons_tres",
        "SelectTypeParameters": "CR_Core_Memory",
        "AccountingStorageType": "accounting_storage/none",
        "JobCompType": "jobcomp/none",
    }
    if accounting:
        conf.update(AccountingStorageType="accounting_storage/slurmdbd", AccountingStorageHost="localhost",
                    AccountingStoragePass=munge_socket)
    conf.update(settings)
    path = f"{base}/etc/slurm.conf"
    with open(path, "w") as f:
        f.write("".join([f"{comment}\n", *(f"{k}={v}\n" for k, v in conf.items()), nodes]))
    os.chmod(path, 0o644)
    return path
