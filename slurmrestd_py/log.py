"""Where the service writes what happened: syslog (the default), a file, or an interactive terminal.

Never stdout, and never a stderr that is the client's socket (cli points fd 2 away first). This is
not the stdlib's `logging`: that costs ~9 ms of imports (traceback, pickle, socket handlers) in a
process that lives for one connection. Calls take %-style arguments, as logging's do.
"""
import os
import sys
import time

DEBUG, INFO, WARNING, ERROR = 10, 20, 30, 40
_NAMES = {DEBUG: "DEBUG", INFO: "INFO", WARNING: "WARNING", ERROR: "ERROR"}
_SYSLOG_PRIORITY = {DEBUG: 7, INFO: 6, WARNING: 4, ERROR: 3}

PROG = "slurmrestd-py"
_level = WARNING
_write = None  # (level, message) -> None; None until setup(): nothing is written


def setup(level, log_file=None, interactive=False):
    """Choose the sink. Raises OSError when `log_file` cannot be opened."""
    global _level, _write
    _level = level
    if log_file:
        f = open(log_file, "a", buffering=1, encoding="utf-8", errors="replace")

        def _write(lvl, msg):
            stamp = time.strftime("%Y-%m-%d %H:%M:%S")
            f.write(f"{stamp} {PROG}[{os.getpid()}]: {_NAMES[lvl]}: {msg}\n")
    elif interactive:
        def _write(lvl, msg):
            sys.stderr.write(f"{PROG}: {msg}\n")
    elif os.path.exists("/dev/log"):
        import syslog

        syslog.openlog(PROG, syslog.LOG_PID, syslog.LOG_DAEMON)

        def _write(lvl, msg):
            syslog.syslog(_SYSLOG_PRIORITY[lvl], msg)
    else:
        _write = None


def mute():
    """Log nothing until unmute(the returned level)."""
    global _level
    level, _level = _level, ERROR + 1
    return level


def unmute(level):
    global _level
    _level = level


def _emit(lvl, msg, args):
    if _write is None or lvl < _level:
        return
    try:
        _write(lvl, msg % args if args else msg)
    except Exception:  # logging must never fail a request
        pass


def debug(msg, *args):
    _emit(DEBUG, msg, args)


def info(msg, *args):
    _emit(INFO, msg, args)


def warning(msg, *args):
    _emit(WARNING, msg, args)


def error(msg, *args):
    _emit(ERROR, msg, args)


def exception(msg, *args):
    """An error with the current exception's traceback (for the log only, never the client)."""
    if _write is None:
        return
    import traceback

    _emit(ERROR, "%s\n%s", ((msg % args if args else msg), traceback.format_exc().rstrip()))
