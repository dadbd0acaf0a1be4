"""The command line: `slurmrestd-py [OPTIONS] [host:port|unix:/path]...`, as slurmrestd's.

Options and environment variables match slurmrestd 22.05's; the few of our own are named
SLURMRESTD_PY_*. With no address to listen on, it serves one connection on stdin/stdout (inetd mode).
"""
import os
import pwd
import grp
import stat
import sys

from . import __version__, log
from .fields import REQUIRED, Fields

PROG = "slurmrestd-py"

USAGE = f"""\
Usage: {PROG} [OPTIONS] [host:port|unix:/path/to/socket]...
\t-a <authentication types>
\t\tList of authentication types to accept (rest_auth/local, rest_auth/jwt, or list).
\t-f file
\t\tUse specified file for slurmctld configuration
\t-g <group>
\t\tsetgid() to group (and drop supplementary groups) before processing requests.
\t-h
\t\tPrint this help message.
\t-s <OpenAPI plugins to load>
\t\tCSV list of OpenAPI plugins (or list).
\t-t <thread count>
\t\tMaximum connections served at once in listen mode. Ignored in inetd mode.
\t-u <user>
\t\tsetuid() to user after opening sockets.
\t-v
\t\tVerbose mode. Multiple -v's increase verbosity.
\t-V
\t\tPrint version information and exit.
"""


class Reply(str):
    """Text to print instead of serving: to stdout (-V) or, as the reference does, stderr."""

    def __new__(cls, text, stream="stderr"):
        self = super().__new__(cls, text)
        self.stream = stream
        return self


SECURITY = ("disable_unshare_files", "disable_unshare_sysv", "disable_user_check")
MAX_THREADS = 1024


class UsageError(Exception):
    def __init__(self, message, show_usage=False):
        super().__init__(message)
        self.show_usage = show_usage


class Options(Fields):
    __slots__ = ("auth_plugins", "plugins", "slurm_conf", "user", "group", "threads", "verbose", "listen",
                 "security", "idle_timeout", "max_header_bytes", "max_body_bytes", "log_file")
    FIELDS = (
        ("auth_plugins", REQUIRED),
        ("plugins", REQUIRED),  # versions.Plugin
        ("slurm_conf", None),
        ("user", None),  # -u, resolved: a pwd entry
        ("group", None),  # -g, resolved: a gid
        ("threads", 20),
        ("verbose", 0),
        ("listen", ()),
        ("security", frozenset()),
        ("idle_timeout", 60.0),
        ("max_header_bytes", 16 * 1024),
        ("max_body_bytes", 64 * 1024 * 1024),
        ("log_file", None),
    )


def _split(value):
    return [v.strip() for v in value.split(",") if v.strip()]


def _auth_plugins(value):
    from .auth import PLUGINS

    names = []
    for name in _split(value):
        name = name if name.startswith("rest_auth/") else f"rest_auth/{name}"
        if name not in PLUGINS:
            raise UsageError(f"Unable to find plugin: {name}")
        names.append(name)
    return tuple(names)


def _atoi(value):
    """C's atoi(), which the reference uses for -t: leading digits, else 0."""
    digits = value.strip()
    sign = -1 if digits[:1] == "-" else 1
    digits = digits.lstrip("+-")
    n = len(digits) - len(digits.lstrip("0123456789"))
    return sign * int(digits[:n]) if n else 0


def _int_env(env, name, default, minimum=1):
    value = env.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise UsageError(f"{name} must be an integer, not {value!r}") from None
    if number < minimum:
        raise UsageError(f"{name} must be at least {minimum}")
    return number


def _getopt(argv, spec):
    """GNU getopt for short options: operands may come between options, "--" ends them.

    Not the stdlib's getopt, which imports gettext (~3 ms per connection) for its messages; these
    are the same messages.
    """
    opts, args = [], []
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "--":
            args += argv[i:]
            break
        if not arg.startswith("-") or arg == "-":
            args.append(arg)
            continue
        j = 1
        while j < len(arg):
            flag = arg[j]
            at = spec.find(flag)
            if flag == ":" or at < 0:
                raise UsageError(f"option -{flag} not recognized", show_usage=True)
            if spec[at + 1:at + 2] != ":":
                opts.append((f"-{flag}", ""))
                j += 1
                continue
            if j + 1 < len(arg):
                value = arg[j + 1:]
            elif i < len(argv):
                value = argv[i]
                i += 1
            else:
                raise UsageError(f"option -{flag} requires argument", show_usage=True)
            opts.append((f"-{flag}", value))
            break
    return opts, args


def parse(argv, env):
    """Options from the command line and the environment, a Reply to print instead, or UsageError.

    As slurmrestd: the environment first, then the options, which win; addresses from both."""
    from . import versions
    from .auth import PLUGINS

    opts, args = _getopt(argv, "a:f:g:hs:t:u:vV")
    auth_spec = env.get("SLURMRESTD_AUTH_TYPES")
    plugin_spec = env.get("SLURMRESTD_OPENAPI_PLUGINS")
    listen = _split(env.get("SLURMRESTD_LISTEN", ""))
    o = Options(auth_plugins=PLUGINS, plugins=(), slurm_conf=env.get("SLURM_CONF"))
    if env.get("SLURMRESTD_DEBUG") is not None:
        o.verbose = _atoi(env["SLURMRESTD_DEBUG"])
        if o.verbose <= 0:
            raise UsageError(f"Invalid env SLURMRESTD_DEBUG: {env['SLURMRESTD_DEBUG']}")
    security = [v.lower() for v in _split(env.get("SLURMRESTD_SECURITY", ""))]
    for value in security:
        if value not in SECURITY:
            raise UsageError(f"Unexpected value in SLURMRESTD_SECURITY={value}")
    o.security = frozenset(security)
    for flag, value in opts:
        if flag == "-a":
            auth_spec = value
        elif flag == "-f":
            o.slurm_conf = value
        elif flag == "-g":
            o.group = _group_id(value)
        elif flag == "-h":
            return Reply(USAGE)
        elif flag == "-s":
            plugin_spec = value
        elif flag == "-t":
            o.threads = _atoi(value)
        elif flag == "-u":
            o.user = _passwd(value)
        elif flag == "-v":
            o.verbose += 1
        elif flag == "-V":
            return Reply(f"{PROG} {__version__} (slurm {_slurm_release()})\n", "stdout")
    if o.threads < 2:
        raise UsageError("Request at least 2 threads for processing")
    if o.threads > MAX_THREADS:
        raise UsageError("Excessive thread count")
    if auth_spec is not None:
        if auth_spec.strip() == "list":
            return Reply("Possible REST authentication plugins:\n" + "".join(f"{p}\n" for p in PLUGINS))
        o.auth_plugins = _auth_plugins(auth_spec)
    if plugin_spec is not None and plugin_spec.strip() == "list":
        return Reply("Possible OpenAPI plugins:\n" + "".join(f"openapi/{p}\n" for p in versions.PLUGINS))
    try:
        names = versions.plugin_names(plugin_spec) if plugin_spec is not None else versions.DEFAULT_PLUGINS
    except ValueError:
        unknown = [n for n in _split(plugin_spec) if n.removeprefix("openapi/") not in versions.PLUGINS]
        raise UsageError(f"Unable to find plugin: openapi/{unknown[0].removeprefix('openapi/')}") from None
    o.plugins = tuple(versions.PLUGINS[n] for n in names)
    o.listen = tuple(listen) + tuple(args)
    o.idle_timeout = _int_env(env, "SLURMRESTD_PY_IDLE_TIMEOUT", 60)
    o.max_header_bytes = _int_env(env, "SLURMRESTD_PY_MAX_HEADER_BYTES", o.max_header_bytes, minimum=1024)
    o.max_body_bytes = _int_env(env, "SLURMRESTD_PY_MAX_BODY_BYTES", o.max_body_bytes, minimum=0)
    o.log_file = env.get("SLURMRESTD_PY_LOG_FILE")
    return o


def _slurm_release():
    from . import slurm

    return slurm.version()["release"]


def _protect_stdio():
    """Under inetd, xinetd and systemd, stderr may be the client's socket: nothing may reach it.

    A closed fd 0, 1 or 2 gets /dev/null, so that no file we open later (the log, libslurm's
    sockets to slurmctld) takes its number and receives what is meant for the client. Returns the
    closed ones."""
    closed = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.append(fd)
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:  # the lowest free number: fd itself, unless a lower one was closed too
                os.dup2(null, fd)
                os.close(null)
    try:
        if stat.S_ISSOCK(os.fstat(2).st_mode):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)
            os.close(null)
    except OSError:
        pass
    # A stray print() must never land in the HTTP stream on fd 1.
    sys.stdout = sys.stderr
    return closed


def _setup_logging(options, interactive):
    level = log.DEBUG if options.verbose >= 2 else log.INFO if options.verbose else log.WARNING
    try:
        log.setup(level, options.log_file, interactive)
    except OSError as e:
        raise UsageError(f"Unable to setup logging: {options.log_file}: {e.strerror}") from None


def _slurm_user(conf):
    """SlurmUser from slurm.conf (default root), without loading libslurm."""
    user = "root"
    try:
        with open(conf or "/etc/slurm/slurm.conf", encoding="utf-8", errors="replace") as f:
            for line in f:
                key, sep, value = line.split("#", 1)[0].partition("=")
                if sep and key.strip().lower() == "slurmuser":
                    user = value.strip()
    except OSError:
        pass
    return user


def check_user(options):
    """Refuse root and SlurmUser (and their primary groups), as slurmrestd does, unless told not to."""
    if "disable_user_check" in options.security:
        return
    uid, gid = os.getuid(), os.getgid()
    if uid == 0:
        raise UsageError(f"{PROG} should not be run as the root user.")
    if gid == 0:
        raise UsageError(f"{PROG} should not be run with the root group.")
    try:
        slurm_user = pwd.getpwnam(_slurm_user(options.slurm_conf))
    except KeyError:
        return
    if uid == slurm_user.pw_uid:
        raise UsageError(f"{PROG} should not be run as SlurmUser")
    if gid == slurm_user.pw_gid:
        raise UsageError(f"{PROG} should not be run with SlurmUser's group")


def drop_privileges(options):
    """-g then -u: the process keeps no group or user it was started with."""
    if options.group is not None:
        os.setgroups([])
        os.setgid(options.group)
    if options.user is not None:
        pw = options.user
        if options.group is None:
            os.initgroups(pw.pw_name, pw.pw_gid)
            os.setgid(pw.pw_gid)
        os.setuid(pw.pw_uid)


def _passwd(user):
    try:
        return pwd.getpwuid(int(user)) if user.isdigit() else pwd.getpwnam(user)
    except KeyError:
        raise UsageError(f"Unable to resolve user: {user}") from None


def _group_id(group):
    try:
        return int(group) if group.isdigit() else grp.getgrnam(group).gr_gid
    except KeyError:
        raise UsageError(f"Unable to resolve gid: {group}") from None


def _fatal(message, show_usage, interactive):
    """A start-up failure: to stderr (a terminal or a log, never the client's socket) and syslog."""
    sys.stderr.write(f"{PROG}: fatal: {message}\n" + (USAGE if show_usage else ""))
    if not interactive:
        import syslog

        syslog.openlog(PROG, syslog.LOG_PID, syslog.LOG_DAEMON)
        syslog.syslog(syslog.LOG_ERR, f"fatal: {message}")


def _check_conf(path):
    """Fail at start, as the reference does, rather than on the first request."""
    if path and not os.access(path, os.R_OK):
        raise UsageError(f"Unable to process configuration file {path}")


# A young generation this large is never collected while a process starts: its imports allocate
# tens of thousands of objects that live as long as it does, and ~15 collections of them cost
# ~3.5 ms of each connection (bench/startup.py). A long connection still collects, less often.
GC_THRESHOLD = 50_000


def main(argv=None):
    import gc

    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    argv = sys.argv[1:] if argv is None else argv
    interactive = os.isatty(2)
    closed = _protect_stdio()
    listeners = []
    try:
        options = parse(argv, os.environ)
        if isinstance(options, Reply):
            os.write(1 if options.stream == "stdout" else 2, options.encode())
            return 0
        _setup_logging(options, interactive)
        if not options.listen and (0 in closed or 1 in closed):
            # inetd mode with no client to read or answer: serving would change Slurm unseen.
            log.error("%s is closed: no client to serve", "stdin" if 0 in closed else "stdout")
            raise UsageError(f"unable to serve: {'stdin' if 0 in closed else 'stdout'} is closed")
        if options.slurm_conf:
            os.environ["SLURM_CONF"] = options.slurm_conf
        if options.listen:
            import signal

            from . import listen

            # SIGTERM or SIGINT before listen.serve takes them over (loading every version's tables
            # takes a while on a busy machine) waits for it, so that a stop still removes the sockets.
            signal.pthread_sigmask(signal.SIG_BLOCK, (signal.SIGINT, signal.SIGTERM))
            # Sockets first, so -u/-g may drop the privilege a low port or a socket directory needs.
            try:
                listeners = listen.open_listeners(options.listen)
            except listen.ListenError as e:
                raise UsageError(str(e)) from None
        try:
            if listeners and os.geteuid() == 0:
                user = options.user
                listen.hand_over(listeners, user and user.pw_uid,
                                 options.group if options.group is not None else user and user.pw_gid)
            drop_privileges(options)
        except OSError as e:
            raise UsageError(f"Unable to change user or group: {e.strerror}") from None
        check_user(options)
        _check_conf(options.slurm_conf)
    except UsageError as e:
        if listeners:
            listen.close_listeners(listeners)
        _fatal(str(e), e.show_usage, interactive)
        return 1
    if options.listen:
        # Children fork from the listener: import what a connection needs and initialise libslurm
        # once, here, so that each child only serves (stdio.warm says when libslurm must wait).
        # (SIGINT and SIGTERM are held back until listen.serve handles them: see above.)
        from . import stdio

        stdio.preload(options.plugins)
        if stdio.warm(options, listen.credential_kinds(listeners, options.auth_plugins)):
            log.info("libslurm initialised before accepting")
        else:
            log.info("listeners take both munge and JWT credentials: each connection initialises libslurm")
        return listen.serve(options, listeners)
    from . import stdio

    stdio.run(options)
    # The answer is written (fds are unbuffered) and the log is line-buffered: skip the interpreter's
    # teardown of every module, a few ms of each connection's latency.
    os._exit(0)
