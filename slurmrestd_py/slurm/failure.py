"""How v0.0.38's nodes, partitions and reservations handlers report a failed Slurm call.

They write errors[] themselves as {"error": slurm_strerror(rc), "errno": rc} with the call's return
code (usually -1, "Unspecified error"), and treat errno SLURM_NO_CHANGE_IN_DATA as a bare 304.
"""
from ..errors import HandlerError, NotModified
from ._lib import load, strerror


def failure(rc):
    """The HandlerError the reference reports for return code `rc`."""
    return HandlerError(rc, [{"error": strerror(rc), "errno": rc}])


def check_load(rc):
    """After a slurm_load_*(update_time, ...): NotModified, a failure, or nothing. Like the
    reference, errno is looked at whatever `rc` says."""
    _, lib = load()
    if lib.srpy_errno() == lib.SLURM_NO_CHANGE_IN_DATA:
        raise NotModified()
    if rc != 0:
        raise failure(rc)
