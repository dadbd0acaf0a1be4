"""slurmdb GET instances/ and instance/ (the reference's op_handler_instances and
op_handler_instance, their _dump_instance_cond)."""
from ...parsers import queries
from ...slurm.slurmdb import CLists
from .. import Operation
from .db import query_list

AMBIGUOUS = 9201  # ESLURM_DATA_AMBIGUOUS_QUERY
_LISTS = (("cluster", "cluster_list"), ("extra", "extra_list"), ("instance_id", "instance_id_list"),
          ("instance_type", "instance_type_list"))


def _dump(ctx, only_one):
    query = queries.parse(ctx, "instances", "op_handler_instance" if only_one else "op_handler_instances")
    if query is None:
        return None
    ffi = ctx.slurm.ffi
    with CLists(ffi, ctx.slurm.lib) as lists:
        cond = ffi.new("slurmdb_instance_cond_t *")
        for key, field in _LISTS:
            if query[key]:
                setattr(cond, field, lists.strings(query[key]))
        if query["node_list"]:
            cond.node_list = lists.cstr(query["node_list"])
        cond.time_end, cond.time_start = query["time_end"], query["time_start"]
        records = query_list(ctx, "_dump_instance_cond", "slurmdb_instances_get", cond,
                             "slurmdb_instance_rec_t *")
    if records is None:
        return None
    if only_one and len(records) > 1:
        ctx.error(AMBIGUOUS, "_dump_instance_cond",
                  "Ambiguous request: More than 1 instance would have been dumped.")
        return None
    # With none found the reference leaves out `instances`, which its schema requires: ours
    # carries an empty list (a repair, README).
    return {"instances": records}


def _instances(ctx):
    return _dump(ctx, False)


def _instance(ctx):
    return _dump(ctx, True)


instances = Operation(_instances, kind="instances")
instance = Operation(_instance, kind="instances")
