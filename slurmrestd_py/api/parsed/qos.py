"""slurmdb GET qos/, GET and DELETE qos/{qos} (the reference's op_handler_multi_qos and
op_handler_single_qos, their _op_handler_qos)."""
from ...parsers import queries
from ...slurm.slurmdb import CLists
from .. import Operation
from .db import qos_by_id, query_list, query_removed, tres_list
from ...parsers.tables.qos import TRES_FIELDS

SOURCE = "_op_handler_qos"


def _name(ctx):
    return ctx.params["qos"] if "qos" in ctx.params else ctx.params["qos_name"]  # v0.0.39: qos/{qos_name}


def _preempt(ffi):
    from ...slurm.slurmdb_records import _bits

    def extras(q, record):
        record["preempt_ids"] = _bits(ffi, q.preempt_bitstr)
    return extras


def _finish(ctx, records):
    every_qos = qos_by_id(ctx)  # deleted ones too: to name the QOS a QOS may preempt
    for q in records:
        q["tres"] = {f: tres_list(ctx, q.get(f)) for f in TRES_FIELDS}
        q["preempt_names"] = [every_qos[i]["name"] if i in every_qos else str(i) for i in q.pop("preempt_ids")]
    return records


def _get(ctx, names=None, with_deleted=False):
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    with CLists(ffi, lib) as lists:
        cond = ffi.new("slurmdb_qos_cond_t *")
        lib.srpy_qos_cond_with(cond, int(with_deleted))
        if names is not None:
            cond.name_list = lists.strings(names)
        found = records(ctx, cond, SOURCE)
    return {"qos": found or []}  # dumped whatever happened


def records(ctx, cond, caller):
    """The QOS of `cond` as the parser writes them, or None after reporting the failure (also GET
    config's)."""
    found = query_list(ctx, caller, "slurmdb_qos_get", cond, "slurmdb_qos_rec_t *", extras=_preempt(ctx.slurm.ffi))
    return None if found is None else _finish(ctx, found)


def _qos(ctx):
    # the reference parses its condition from the path's parameters (there are none): all QOS
    return _get(ctx)


def _single_qos(ctx):
    query = queries.parse(ctx, "one_qos", "op_handler_single_qos")
    if query is None:
        return None
    return _get(ctx, [_name(ctx)], query["with_deleted"])


def _delete_single_qos(ctx):
    query = queries.parse(ctx, "one_qos", "op_handler_single_qos")
    if query is None:
        return None
    ffi, lib = ctx.slurm.ffi, ctx.slurm.lib
    with CLists(ffi, lib) as lists:
        cond = ffi.new("slurmdb_qos_cond_t *")
        lib.srpy_qos_cond_with(cond, int(query["with_deleted"]))
        cond.name_list = lists.strings([_name(ctx)])
        names = query_removed(ctx, SOURCE, "slurmdb_qos_remove", cond)
    return {"removed_qos": names or []}


qos = Operation(_qos, kind="qos")
single_qos = Operation(_single_qos, kind="qos", query="one_qos")
delete_single_qos = Operation(_delete_single_qos, kind="qos_removed", query="qos_delete")
