"""How the backend reports a failed call: SlurmFailure for the parser versions (v0.0.40 on); and
how v0.0.38's nodes, partitions and reservations handlers report one.

They write errors[] themselves as {"error": slurm_strerror(rc), "errno": rc} with the call's return
code (usually -1, "Unspecified error"), and treat errno SLURM_NO_CHANGE_IN_DATA as a bare 304.
"""
from ..errors import HandlerError, NotModified
from ._lib import load, strerror


class SlurmFailure(Exception):
    """The one error the backend raises for the parser versions (v0.0.40 on): which call failed,
    its return code and errno, as the reference's handlers see them. Only the request's version
    decides what the client is told."""

    def __init__(self, function, rc, errno):
        super().__init__(f"{function}: {rc} (errno {errno})")
        self.function, self.rc, self.errno = function, rc, errno

    @property
    def code(self):
        """The reference's handlers' habit: errno when the call said only SLURM_ERROR (-1)."""
        return self.errno if self.rc == -1 and self.errno else self.rc

    @classmethod
    def check(cls, rc, function):
        """Raise unless `rc` is SLURM_SUCCESS."""
        if rc != 0:
            _, lib = load()
            raise cls(function, rc, lib.srpy_errno())


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
