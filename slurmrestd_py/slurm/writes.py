"""Writes new in v0.0.43-45 that every release's libslurm can do: requeue (slurm_requeue2),
partition delete (slurm_delete_partition), node create (slurm_create_node)."""
from .failure import SlurmFailure


def requeue(ffi, lib, job_id_str, flags):
    """slurm_requeue2() -> (rc, errno, results): results [{id, error_code, why}] or None when
    slurmctld answered none (one job: its rc alone)."""
    from .jobs import _update_results

    resp = ffi.new("job_array_resp_msg_t **")
    text = ffi.new("char[]", job_id_str.encode())
    rc = lib.slurm_requeue2(text, flags, resp)
    errno = lib.srpy_errno() if rc else 0
    try:
        results = _update_results(ffi, resp[0]) if resp[0] != ffi.NULL else None
    finally:
        if resp[0] != ffi.NULL:
            lib.slurm_free_job_array_resp(resp[0])
    return rc, errno, results


def delete_partition(ffi, lib, name):
    msg = ffi.new("delete_part_msg_t *")
    text = ffi.new("char[]", name.encode())
    msg.name = text
    SlurmFailure.check(lib.slurm_delete_partition(msg), "slurm_delete_partition")


def create_node(ffi, lib, node_conf):
    """slurm_create_node() of a node line (update_node_msg_t's extra, as the reference sends it)."""
    msg = ffi.new("update_node_msg_t *")
    lib.slurm_init_update_node_msg(msg)
    text = ffi.new("char[]", node_conf.encode()) if node_conf is not None else ffi.NULL
    msg.extra = text
    SlurmFailure.check(lib.slurm_create_node(msg), "slurm_create_node")
