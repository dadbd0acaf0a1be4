"""The HTTP status of a parser version's answer, from the return code it ended with, as the
reference's router (23.11 on) gives it: 500 for any failure but these. Errnos by name, from the
compiled module."""
_STATUS = (
    (200, ("ESLURM_REST_EMPTY_RESULT",)),
    (304, ("SLURM_NO_CHANGE_IN_DATA",)),
    (422, ("ESLURM_REST_INVALID_QUERY",)),
    (400, ("ESLURM_REST_FAIL_PARSING", "ESLURM_REST_INVALID_JOBS_DESC")),
    (400, ("ESLURM_REST_BAD_REQUEST",)),  # 26.05 on (bindings/decl/writes.h)
    (415, ("ESLURM_DATA_UNKNOWN_MIME_TYPE",)),
    (404, ("ESLURM_INVALID_JOB_ID",)),
    # slurmctld or slurmdbd unreachable, or gone mid-answer
    (502, ("SLURM_PROTOCOL_SOCKET_ZERO_BYTES_SENT", "SLURM_COMMUNICATIONS_CONNECTION_ERROR",
           "SLURM_COMMUNICATIONS_SEND_ERROR", "SLURM_COMMUNICATIONS_RECEIVE_ERROR",
           "SLURM_COMMUNICATIONS_SHUTDOWN_ERROR", "SLURMCTLD_COMMUNICATIONS_CONNECTION_ERROR",
           "SLURMCTLD_COMMUNICATIONS_SEND_ERROR", "SLURMCTLD_COMMUNICATIONS_RECEIVE_ERROR",
           "SLURMCTLD_COMMUNICATIONS_SHUTDOWN_ERROR", "ESLURM_DB_CONNECTION",
           "ESLURM_PROTOCOL_INCOMPLETE_PACKET")),
    (504, ("SLURM_PROTOCOL_SOCKET_IMPL_TIMEOUT",)),
    (511, ("SLURM_PROTOCOL_AUTHENTICATION_ERROR",)),
)
_by_rc = None


# 26.05's http_status_from_error() (Rules.slurm_errors_unprocessable): an error of slurmctld
# (ESLURM_INVALID_PARTITION_NAME .. ESLURM_INVALID_SLUID) or slurmdbd (ESLURM_DB_CONNECTION ..
# ESLURM_NO_RPC_STATS), or a body without a required key (ESLURM_DATA_PATH_NOT_FOUND) or with a value
# that does not parse (ESLURM_DATA_PARSE_BAD_INPUT), that the table above does not name is a
# well-formed request refused: 422; EPERM 403
_UNPROCESSABLE = (range(2000, 2186), range(7000, 7014), range(9200, 9201), range(9216, 9217))
_EPERM = 1


def status_of(rc, rules=None):
    if not rc:
        return 200
    table = _table()
    if rc in table:
        return table[rc]
    if rules is not None and rules.slurm_errors_unprocessable:
        if rc == _EPERM:
            return 403
        if any(rc in r for r in _UNPROCESSABLE):
            return 422
    return 500


def _table():
    global _by_rc
    if _by_rc is None:
        from ..slurm._lib import load

        _, lib = load()
        _by_rc = {getattr(lib, name): status for status, names in _STATUS for name in names}
    return _by_rc
