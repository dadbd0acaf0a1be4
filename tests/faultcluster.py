"""A private Slurm cluster to break: its own munged, MariaDB, slurmdbd and slurmctld, nothing shared.

    with FaultCluster() as fc:           # up in seconds; everything stopped at the end
        fc.stop("slurmctld"); ...; fc.start("slurmctld")
        fc.pause("mariadb"); ...; fc.resume("mariadb")

The shared test cluster (scripts/local-cluster) is never touched: this one lives under
/var/lib/slurmrestd-py/faults, cluster "faults", slurmctld on 6927, slurmdbd on 6929, MariaDB on
3317 (or free ports, when another private cluster took these) with its own socket, munged with its own key and socket. No slurmd: its nodes are FUTURE or
DOWN, so jobs stay pending. MessageTimeout is small, so a client of a dead daemon gives up fast.
The MariaDB data directory and its slurmdbd tables are kept between runs (creating them takes
most of the start-up time); `python3 tests/faultcluster.py purge` removes everything.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

from private_slurm_conf import write_slurm_conf

DIR = "/var/lib/slurmrestd-py/faults"
NAME = "faults"
PORTS = {"slurmctld": 6927, "slurmdbd": 6929, "mariadb": 3317}  # preferred; another if taken
MSG_TIMEOUT = 2  # seconds: how long libslurm retries connecting to a daemon that is gone
ACCOUNT = "faultsacct"
USERS = ("alice", "bob")
ADMIN = "bob"  # a slurmdbd Administrator here (the reference refuses root)
CONF = f"{DIR}/etc/slurm.conf"
DAEMONS = ("munged", "mariadb", "slurmdbd", "slurmctld")  # in start order


def _pidfile(name):
    return {"munged": f"{DIR}/munge/munged.pid", "mariadb": f"{DIR}/db/mysqld.pid",
            "slurmdbd": f"{DIR}/run/slurmdbd.pid", "slurmctld": f"{DIR}/run/slurmctld.pid"}[name]


def _pid(name):
    try:
        pid = int(open(_pidfile(name)).read().split()[0])
        return pid if _alive(pid) else None
    except (OSError, ValueError, IndexError):
        return None


def _until(check, seconds, what):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"faultcluster: {what} did not come up in {seconds}s; see {DIR}/log/")


def _ok(cmd, env=None, timeout=10):
    try:
        return subprocess.run(cmd, env=env, capture_output=True, timeout=timeout).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def _listening(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _free(port):
    """`port` if nothing listens there (other helpers run private daemons too), else a free one."""
    if not _listening(port):
        return port
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FaultCluster:
    conf = CONF
    name = NAME

    def __init__(self):
        self.env = {**os.environ, "SLURM_CONF": CONF}
        self.ports = dict(PORTS)
        self.faults = 0  # daemons stopped, paused or killed by tests

    # -- whole cluster -------------------------------------------------------------------------
    def __enter__(self):
        self.up()
        return self

    def __exit__(self, *exc):
        self.down()

    def up(self):
        self.down()  # whatever an interrupted run left
        self.ports = {name: _free(port) for name, port in PORTS.items()}
        _write_config(self.ports)
        for name in DAEMONS:
            self.start(name)
        self._accounts()

    def down(self):
        for name in reversed(DAEMONS):
            self.stop(name, count=False)
        for sub in ("state", "run", "spool"):
            shutil.rmtree(f"{DIR}/{sub}", ignore_errors=True)

    # -- one daemon ----------------------------------------------------------------------------
    def start(self, name):
        if _pid(name):
            return
        getattr(self, f"_start_{name}")()

    def stop(self, name, sig=signal.SIGTERM, count=True):
        """Stop a daemon and wait until it is gone (SIGKILL after 10 s)."""
        pid = _pid(name)
        if pid is None:
            return
        self.faults += count
        os.kill(pid, signal.SIGCONT)  # a paused daemon cannot act on SIGTERM
        os.kill(pid, sig)
        end = time.monotonic() + 10
        while _alive(pid):
            if time.monotonic() > end:
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.05)
        if os.path.exists(_pidfile(name)):
            os.unlink(_pidfile(name))

    def kill(self, name):
        self.stop(name, signal.SIGKILL)

    def pause(self, name):
        self.faults += 1
        os.kill(_pid(name), signal.SIGSTOP)

    def resume(self, name):
        os.kill(_pid(name), signal.SIGCONT)

    def running(self, name):
        return _pid(name) is not None

    # -- tools ---------------------------------------------------------------------------------
    def sacctmgr(self, *args, timeout=30):
        return subprocess.run(["sacctmgr", "-i", "-P", "-n", *args], env=self.env, capture_output=True,
                              text=True, timeout=timeout)

    def scontrol(self, *args, timeout=30):
        return subprocess.run(["scontrol", *args], env=self.env, capture_output=True, text=True,
                              timeout=timeout)

    def sql(self, query):
        """A query on the private MariaDB as its root (through the socket): its output lines."""
        out = subprocess.run(["mariadb", f"--socket={DIR}/db/mysqld.sock", "-N", "-B", "-e", query],
                             capture_output=True, text=True, timeout=30, check=True).stdout
        return out.splitlines()

    # -- starters ------------------------------------------------------------------------------
    def _start_munged(self):
        subprocess.run(["runuser", "-u", "munge", "--", "munged", f"--key-file={DIR}/etc/munge.key",
                        f"--socket={DIR}/munge/munge.socket", f"--pid-file={DIR}/munge/munged.pid",
                        f"--log-file={DIR}/log/munged.log", f"--seed-file={DIR}/munge/munged.seed",
                        "--force"], check=True, capture_output=True)
        _until(lambda: os.path.exists(f"{DIR}/munge/munge.socket") and _pid("munged"), 10, "munged")

    def _start_mariadb(self):
        data = f"{DIR}/db/data"
        fresh = not os.path.isdir(f"{data}/mysql")
        if fresh:
            shutil.rmtree(data, ignore_errors=True)
            subprocess.run(["mariadb-install-db", "--user=mysql", f"--datadir={data}",
                            "--auth-root-authentication-method=socket", "--skip-test-db"],
                           check=True, capture_output=True)
        subprocess.Popen(["mariadbd", "--user=mysql", f"--datadir={data}", f"--socket={DIR}/db/mysqld.sock",
                          f"--pid-file={DIR}/db/mysqld.pid", "--bind-address=127.0.0.1", f"--port={self.ports['mariadb']}",
                          f"--log-error={DIR}/log/mariadb.log", "--innodb-buffer-pool-size=32M",
                          "--skip-log-bin", "--innodb-lock-wait-timeout=5"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
        _until(lambda: _pid("mariadb") and _ok(["mariadb", f"--socket={DIR}/db/mysqld.sock", "-e", "select 1"]),
               60, "MariaDB")
        if fresh:
            self.sql("CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY 'slurm';"
                     "CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED BY 'slurm';"
                     "GRANT ALL ON faults_acct_db.* TO 'slurm'@'127.0.0.1';"
                     "GRANT ALL ON faults_acct_db.* TO 'slurm'@'localhost';")

    def _start_slurmdbd(self):
        subprocess.run(["slurmdbd"], env=self.env, check=True, capture_output=True)
        _until(lambda: _listening(self.ports["slurmdbd"]), 60, "slurmdbd")

    def _start_slurmctld(self):
        subprocess.run(["slurmctld", "-c", "-i"], env=self.env, check=True, capture_output=True)
        _until(lambda: _ok(["scontrol", "ping"], self.env), 30, "slurmctld")

    def _accounts(self):
        if NAME not in self.sacctmgr("show", "cluster", "format=cluster").stdout.split():
            self.sacctmgr("add", "cluster", NAME)
        if ACCOUNT not in self.sacctmgr("show", "account", "format=account").stdout.split():
            self.sacctmgr("add", "account", ACCOUNT, f"cluster={NAME}", "description=faults",
                          "organization=faults")
        have = self.sacctmgr("show", "user", "format=user").stdout.split()
        for user in USERS:
            if user not in have:
                self.sacctmgr("add", "user", user, f"account={ACCOUNT}", f"cluster={NAME}")
        self.sacctmgr("modify", "user", ADMIN, "set", "adminlevel=Administrator")
        # slurmctld reads the associations it enforces from slurmdbd: wait until it has alice's.
        _until(lambda: "UserName=alice" in self.scontrol("show", "assoc_mgr", "users=alice",
                                                          "flags=users").stdout,
               30, "slurmctld's associations")


def _alive(pid):
    """False once `pid` exited, even before its parent reaped it (this machine's init is slow to)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    if state == "Z":
        try:  # our own child (MariaDB): reap it
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        return False
    return True


def _write_config(ports):
    munge = f"{DIR}/munge/munge.socket"
    write_slurm_conf(
        DIR, NAME, ports["slurmctld"], munge, accounting=True,
        comment="# Written by tests/faultcluster.py: a private cluster for fault injection.",
        SlurmctldDebug="info", MessageTimeout=MSG_TIMEOUT, SlurmdSpoolDir=f"{DIR}/spool",
        JobAcctGatherType="jobacct_gather/none", AccountingStoragePort=ports["slurmdbd"],
        AccountingStorageEnforce="associations", MinJobAge=3600, nodes="""\
# No slurmd: FUTURE nodes and DOWN ones whose address is a closed port, so no job ever runs.
NodeName=faultfut[1-2] CPUs=2 RealMemory=1000 State=FUTURE
NodeName=faultdown[1-2] NodeAddr=127.0.0.1 Port=9 CPUs=2 RealMemory=1000 State=DOWN
PartitionName=faultpart Nodes=ALL Default=YES MaxTime=INFINITE State=UP
""")
    for sub in ("munge", "db", "spool"):
        os.makedirs(f"{DIR}/{sub}", exist_ok=True)
    shutil.chown(f"{DIR}/munge", "munge", "munge")
    os.chmod(f"{DIR}/munge", 0o755)
    shutil.chown(f"{DIR}/db", "mysql", "mysql")
    os.chmod(f"{DIR}/log", 0o777)  # MariaDB (as mysql) and munged write their logs there too
    key = f"{DIR}/etc/munge.key"
    if not os.path.exists(key):
        with open(key, "wb") as f:
            f.write(os.urandom(1024))
    shutil.chown(key, "munge", "munge")
    os.chmod(key, 0o400)
    dbd = f"{DIR}/etc/slurmdbd.conf"
    with open(dbd, "w") as f:
        f.write(f"""# Written by tests/faultcluster.py.
AuthType=auth/munge
AuthInfo=socket={munge}
DbdHost=localhost
DbdPort={ports["slurmdbd"]}
SlurmUser=slurm
PidFile={DIR}/run/slurmdbd.pid
LogFile={DIR}/log/slurmdbd.log
DebugLevel=info
MessageTimeout={MSG_TIMEOUT}
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort={ports["mariadb"]}
StorageUser=slurm
StoragePass=slurm
StorageLoc=faults_acct_db
""")
    shutil.chown(dbd, "slurm", "slurm")
    os.chmod(dbd, 0o600)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    fc = FaultCluster()
    if cmd == "up":
        t = time.monotonic()
        fc.up()
        print(f"faultcluster: up in {time.monotonic() - t:.1f}s; export SLURM_CONF={CONF}")
    elif cmd == "down":
        fc.down()
    elif cmd == "purge":
        fc.down()
        shutil.rmtree(DIR, ignore_errors=True)
    else:
        raise SystemExit("usage: faultcluster.py up|down|purge")
