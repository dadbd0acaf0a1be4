"""A job's resource layout (26.05's slurm_get_resource_layout()), copied out for GET resources/{job_id}
(v0.0.44 on): one record per node, keyed by node_resource_layout_t's own field names, sentinels kept.
Before 26.05 libslurm has no such call: its layer answers ESLURM_NOT_SUPPORTED. Raises SlurmFailure."""
from .failure import SlurmFailure


def _text(ffi, p):
    return ffi.string(p).decode("utf-8", "replace") if p != ffi.NULL else None


def layout(ffi, lib, job_id, step_id):
    """[{node, mem_alloc, sockets_per_node, cores_per_socket, core_bitmap, channel, gres: [{name,
    type, count, index}]}] of the job (a step: step_id, else NO_VAL)."""
    held = ffi.new("void **")
    rc = lib.srpy_resource_layout(job_id, step_id, held)
    try:
        SlurmFailure.check(rc, "slurm_get_resource_layout")
        return _nodes(ffi, lib, held[0])
    finally:
        lib.srpy_layout_free(held[0])


def _nodes(ffi, lib, msg):
    out = []
    node, bitmap, index, name, kind = (ffi.new("char **") for _ in range(5))
    mem, count = ffi.new("uint64_t *"), ffi.new("uint64_t *")
    sockets, cores = ffi.new("uint16_t *"), ffi.new("uint16_t *")
    channel = ffi.new("uint32_t *")
    i = 0
    while msg != ffi.NULL and lib.srpy_layout_node(msg, i, node, mem, sockets, cores, bitmap, channel) == 0:
        gres = []
        j = 0
        while lib.srpy_layout_gres(msg, i, j, name, kind, count, index) == 0:
            text = _text(ffi, index[0])
            if index[0] != ffi.NULL:
                lib.slurm_xfree(ffi.cast("void **", index))
            gres.append({"name": _text(ffi, name[0]), "type": _text(ffi, kind[0]), "count": count[0], "index": text})
            j += 1
        out.append({"node": _text(ffi, node[0]), "mem_alloc": mem[0], "sockets_per_node": sockets[0],
                    "cores_per_socket": cores[0], "core_bitmap": _text(ffi, bitmap[0]), "channel": channel[0],
                    "gres": gres})
        i += 1
    return out
