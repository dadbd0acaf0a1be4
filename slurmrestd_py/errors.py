"""What can go wrong, as exceptions that carry the HTTP status and the `errors[]` entry a client sees.

A leaf module: no imports from the rest of the package, no libslurm. The numbers and texts below are
Slurm 22.05's own (`slurm_errno.h` and `slurm_strerror()`), so clients that switch on `error_number`
see the values they know.
"""

# Slurm error numbers used by the HTTP layer itself: (number, slurm_strerror text).
SLURM_ERROR = (-1, "Unspecified error")
AUTH_CRED_INVALID = (6000, "Invalid authentication credential")
REST_INVALID_QUERY = (9000, "Query empty or not RFC7320 compliant")
REST_FAIL_PARSING = (9001, "Failure during parsing")
REST_INVALID_JOBS_DESC = (9002, "Jobs description entry not found, empty or not dictionary or list")
DATA_PATH_NOT_FOUND = (9200, "Unable to resolve path")
DATA_UNKNOWN_MIME_TYPE = (9204, "MIME type is unknown to any loaded plugins")
DATA_TOO_LARGE = (9205, "DATA too large to handle")
NO_CHANGE_IN_DATA = 1900  # SLURM_NO_CHANGE_IN_DATA


class ApiError(Exception):
    """A failed request: an HTTP status and one `errors[]` entry.

    `close` asks the connection to end after the answer, as the reference does after every error
    that leaves the request stream in doubt (bad HTTP, oversize input).
    """

    def __init__(self, status, description, code=SLURM_ERROR, source="slurmrestd-py", close=False):
        super().__init__(description)
        self.status = status
        self.description = description
        self.error_number, self.error = code
        self.source = source
        self.close = close
        self.payload = None  # a payload to send beside the errors, instead of the operation's empty one

    def entry(self):
        """The `errors[]` item, keys in the reference's order."""
        return {
            "description": self.description,
            "error_number": self.error_number,
            "error": self.error,
            "source": self.source,
        }

    def entries(self):
        """Every `errors[]` item this failure reports (one, unless a subclass gathers more)."""
        return [self.entry()]


class SlurmError(ApiError):
    """A libslurm call failed: errno (`slurm_get_errno()`) and `slurm_strerror()` of it, and the call's name."""

    def __init__(self, errno, error, source, description=None):
        super().__init__(status_for_errno(errno), description or error, (errno, error), source)


class HandlerError(ApiError):
    """A handler failed with Slurm return code `rc` and wrote `errors[]` itself, in its own shape
    (v0.0.38 nodes/partitions/reservations write {"error", "errno"}, or nothing at all): the status
    follows `rc` and the connection closes, as the reference's router does for any failed handler."""

    def __init__(self, rc, entries=()):
        status = status_for_errno(rc)
        super().__init__(status, f"Slurm error {rc}", close=status != 304)
        self.rc = rc
        self._entries = list(entries)

    def entries(self):
        return list(self._entries)


class NotModified(ApiError):
    """`update_time` was given and nothing changed since (SLURM_NO_CHANGE_IN_DATA): the reference
    answers a bare `304 Not Modified`, no body, and keeps the connection."""

    def __init__(self):
        super().__init__(304, "Not modified")


# The reference answers every Slurm failure with 500, except these (a handler ending with "no change"
# gets a bare 304, whatever errors it gathered).
_STATUS_BY_ERRNO = {
    NO_CHANGE_IN_DATA: 304,
    REST_INVALID_QUERY[0]: 400,
    REST_FAIL_PARSING[0]: 400,
    REST_INVALID_JOBS_DESC[0]: 400,
    DATA_UNKNOWN_MIME_TYPE[0]: 415,
    DATA_TOO_LARGE[0]: 413,
}


def status_for_errno(errno):
    return _STATUS_BY_ERRNO.get(errno, 500)
