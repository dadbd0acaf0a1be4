"""slurmdb GET ping/ (the reference's op_handler_ping)."""
from .. import Operation
from .db import connection

SLURM_ERROR = -1
# slurmdbd's messages since 23.02 (slurmdbd_defs.h), beyond the generated 22.05 table
LATER_MSG_NAMES = {1501: "DBD_ADD_ACCOUNTS_COND", 1502: "DBD_ADD_USERS_COND", 1503: "DBD_GET_INSTANCES",
                   1504: "DBD_GOT_INSTANCES", 1505: "DBD_GET_QOS_USAGE", 1506: "DBD_GOT_QOS_USAGE",
                   6501: "SLURM_PERSIST_INIT_TLS"}


def _ping(ctx):
    pings = connection(ctx).ping_all()
    if pings is None:
        ctx.error(SLURM_ERROR, "slurmdb_ping_all", "ping query failed")
    return {"pings": pings or []}  # dumped whatever happened


ping = Operation(_ping, kind="dbd_pings")


def _stats(ctx):
    """slurmdb_get_stats() copied out: the rollups' arrays, the RPCs by name, the users by name."""
    import pwd

    from ...slurm._dbd_msg_names import DBD_MSG_NAMES
    from ...slurm.copy import copier
    from ...slurm.failure import SlurmFailure
    from ...slurm.slurmdb_records import walk

    db = connection(ctx)
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    holder = ffi.new("slurmdb_stats_rec_t **")
    rc = lib.slurmdb_get_stats(db._db("slurmdb_get_stats"), holder)
    try:
        if rc:
            raise SlurmFailure("slurmdb_get_stats", rc, 0)
        st = holder[0]
        roll = st.dbd_rollup_stats
        n = lib.DBD_ROLLUP_COUNT
        rollups = {f: [getattr(roll, f)[i] for i in range(n)]
                   for f in ("count", "timestamp", "time_last", "time_max", "time_total")}
        rpc = copier(ffi, "slurmdb_rpc_obj_t")

        def user(uid):
            try:
                return pwd.getpwuid(uid).pw_name
            except KeyError:
                return ""  # a uid with no name: the reference writes it empty
        rpcs = [rpc(ffi.cast("slurmdb_rpc_obj_t *", p)) for p in walk(ffi, lib, st.rpc_list)]
        users = [rpc(ffi.cast("slurmdb_rpc_obj_t *", p)) for p in walk(ffi, lib, st.user_list)]
        for r in rpcs:
            r["rpc"] = DBD_MSG_NAMES.get(r["id"]) or LATER_MSG_NAMES.get(r["id"], f"MsgType={r['id']}")
        for u in users:
            u["user"] = user(u["id"])
        return {"time_start": st.time_start, "rollups": rollups, "rpcs": rpcs, "users": users}
    finally:
        if holder[0] != ffi.NULL:
            lib.slurmdb_destroy_stats_rec(holder[0])


def _diag(ctx):
    from ...slurm.failure import SlurmFailure

    try:
        stats = _stats(ctx)
    except SlurmFailure as e:
        ctx.error(e.rc, "slurmdb_get_stats", "stats query failed")
        stats = None
    return {"statistics": stats}  # dumped whatever happened ({} without statistics)


diag = Operation(_diag, kind="dbd_stats")
