"""Loading the compiled module, `slurm_init()`, and the one place a Slurm return code becomes an error."""
import os
import sys

from ..errors import SlurmError

_mod = None
_initialized = False


def load():
    """Import the compiled module, once, with libslurm's symbols global: Slurm's plugins (auth/munge,
    select/...) are dlopen()ed by libslurm and resolve their `slurm_*` symbols against it; with
    Python's default RTLD_LOCAL they fail with `undefined symbol`."""
    global _mod
    if _mod is None:
        flags = sys.getdlopenflags()
        sys.setdlopenflags(os.RTLD_GLOBAL | os.RTLD_NOW)
        try:
            from . import _libslurm
        finally:
            sys.setdlopenflags(flags)
        _mod = _libslurm
    return _mod.ffi, _mod.lib


def init(conf=None):
    """`slurm_init(conf or NULL)`, once per process (later calls, whatever `conf`, do nothing)."""
    global _initialized
    ffi, lib = load()
    if not _initialized:
        lib.slurm_init(conf.encode() if conf else ffi.NULL)
        _initialized = True
    return ffi, lib


def release():
    """The Slurm release the module was built for, as bindings/build.py names it ("24.11"): the
    one place the Python side asks which release it runs on."""
    _, lib = load()
    return f"{lib.SRPY_RELEASE // 100:02d}.{lib.SRPY_RELEASE % 100:02d}"


def strerror(errnum):
    ffi, lib = load()
    text = lib.slurm_strerror(errnum)
    return ffi.string(text).decode("utf-8", "replace") if text != ffi.NULL else ""


def check(rc, source, description=None):
    """Raise `SlurmError` unless `rc` is SLURM_SUCCESS; return `rc` otherwise.

    The reference reports the failed call's own return code (`resp_error(errors, rc, ...)`) as
    `error_number`: usually -1 "Unspecified error". errno (`srpy_errno()`) rides along as
    `.slurm_errno`.
    """
    if rc == 0:
        return rc
    _, lib = load()
    error = SlurmError(rc, strerror(rc), source, description)
    error.slurm_errno = lib.srpy_errno()
    raise error


def version():
    _, lib = load()
    n = lib.SLURM_VERSION_NUMBER
    major, minor, micro = (n >> 16) & 0xFF, (n >> 8) & 0xFF, n & 0xFF
    # SLURM_VERSION_STRING comes from Slurm's build-time config.h, not the installed headers;
    # its "22.05.8" form is the number's.
    return {
        "version": {"major": major, "micro": micro, "minor": minor},
        "release": f"{major:02d}.{minor:02d}.{micro}",
    }
