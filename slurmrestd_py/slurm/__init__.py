"""The Slurm backend: the only package that loads libslurm (through the compiled cffi module).

Importing it does nothing but define names: `open()` loads libslurm and calls `slurm_init()`, once
per process; `version()` reads the compiled constants without `slurm_init()`.

    from slurmrestd_py import slurm
    backend = slurm.open()            # -> Slurm
    backend.ping(); backend.diag(); backend.licenses()
"""

__all__ = ["open", "version", "Slurm"]


def open(conf=None):  # noqa: A001 - the backend's natural verb
    """Load libslurm, `slurm_init(conf or NULL)` once per process, and return a `Slurm`."""
    from ._lib import init
    from .backend import Slurm

    init(conf)
    return Slurm()


def version():
    """The `meta.Slurm` block for responses, from the headers we were compiled against.

    {"version": {"major": 22, "micro": 8, "minor": 5}, "release": "22.05.8"}
    """
    from ._lib import version as _version

    return _version()


# SLURM_AUTH_NOBODY (uid 99) by name: 26.05 calls it "nobody" (SLURM_AUTH_NOBODY_NAME); earlier
# releases ask the system, which has no such user on Debian.
_NOBODY_NAME = {"26.05": "nobody"}


def about(conf=None):
    """{cluster, accounting_storage, nobody} of the configuration libslurm loaded (slurm_init()
    first) and of the release: `nobody` names SLURM_AUTH_NOBODY as the release does."""
    from ._lib import init, release
    from .convert import string, user_or_none

    ffi, lib = init(conf)
    return {"cluster": string(ffi, lib.slurm_conf.cluster_name, ""),
            "accounting_storage": string(ffi, lib.slurm_conf.accounting_storage_type, ""),
            "nobody": _NOBODY_NAME.get(release()) or user_or_none(99) or ""}


def __getattr__(name):
    if name == "Slurm":
        from .backend import Slurm

        return Slurm
    raise AttributeError(name)
