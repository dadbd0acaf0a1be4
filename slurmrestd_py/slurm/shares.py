"""Fair share of every association (sshare's slurm_associations_get_shares()), copied out whole
for the parser versions (v0.0.40 on). Raises SlurmFailure."""
from .failure import SlurmFailure


def _names(ffi, lib, items):
    """A List of C strings for the request (the strings kept alive in `keep`), or NULL for none."""
    keep = [ffi.new("char[]", s.encode()) for s in items]
    lst = lib.slurm_list_create(ffi.NULL)
    for s in keep:
        lib.slurm_list_append(lst, s)
    return lst, keep


def shares(ffi, lib, accounts=(), users=()):
    """{"tot_shares", "tres_cnt", "tres_names", "assoc_shares_list": [assoc_shares_object_t records,
    each with its tres_run_secs, tres_grp_mins and usage_tres_raw as lists]}."""
    from .copy import copier, strings

    req = ffi.new("shares_request_msg_t *")
    req.acct_list, keep_a = _names(ffi, lib, accounts)
    req.user_list, keep_u = _names(ffi, lib, users)
    resp = ffi.new("void **")
    try:
        SlurmFailure.check(lib.srpy_get_shares(req, resp), "slurm_associations_get_shares")
        r = ffi.cast("shares_response_msg_t *", resp[0])
        if r == ffi.NULL:
            return {"tot_shares": 0, "tres_cnt": 0, "tres_names": [], "assoc_shares_list": None}
        n = r.tres_cnt
        copy = copier(ffi, "assoc_shares_object_t")

        def values(ptr, convert=int):
            return [convert(ptr[i]) for i in range(n)] if ptr != ffi.NULL else [None] * n

        out = []
        if r.assoc_shares_list != ffi.NULL:
            it = lib.slurm_list_iterator_create(r.assoc_shares_list)
            try:
                while True:
                    p = lib.slurm_list_next(it)
                    if p == ffi.NULL:
                        break
                    obj = ffi.cast("assoc_shares_object_t *", p)
                    record = copy(obj)
                    record["tres_run_secs"] = values(obj.tres_run_secs)
                    record["tres_grp_mins"] = values(obj.tres_grp_mins)
                    record["usage_tres_raw"] = values(obj.usage_tres_raw, float)
                    out.append(record)
            finally:
                lib.slurm_list_iterator_destroy(it)
        return {"tot_shares": r.tot_shares, "tres_cnt": n, "tres_names": strings(ffi, r.tres_names, n),
                "assoc_shares_list": out if r.assoc_shares_list != ffi.NULL else None}
    finally:
        lib.slurm_list_destroy(req.acct_list)
        lib.slurm_list_destroy(req.user_list)
        del keep_a, keep_u
        if resp[0] != ffi.NULL:
            lib.slurm_free_shares_response_msg(ffi.cast("shares_response_msg_t *", resp[0]))
