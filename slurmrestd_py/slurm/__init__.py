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


def about(conf=None):
    """{cluster, accounting_storage} of the configuration libslurm loaded (slurm_init() first)."""
    from ._lib import init
    from .convert import string

    ffi, lib = init(conf)
    return {"cluster": string(ffi, lib.slurm_conf.cluster_name, ""),
            "accounting_storage": string(ffi, lib.slurm_conf.accounting_storage_type, "")}


def __getattr__(name):
    if name == "Slurm":
        from .backend import Slurm

        return Slurm
    raise AttributeError(name)
