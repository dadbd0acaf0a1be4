"""openapi/v0.0.36 (Slurm 22.05's src/plugins/openapi/v0.0.36): v0.0.37's tables and then some."""
from . import v0_0_37 as v37
from .reshape import raw, reshape
from .rules import Rules

# bf_queue_len_mean is computed from the table size sums (a typo it shipped with).
diag = reshape(drop=("rpcs_by_message_type", "rpcs_by_user", "bf_table_size", "bf_table_size_mean"),
               values={"bf_queue_len_mean": lambda r: r["bf_table_size_mean"]})

# Its own switch names fewer states; nodes are loaded without SHOW_MIXED, so a mixed node is
# allocated.
_STATES = {"down", "idle", "allocated", "error", "mixed", "future"}
node = reshape(
    drop=("extra", "last_busy", "state_flags", "next_state_after_reboot_flags", "partitions",
          "alloc_memory", "alloc_cpus", "idle_cpus", "tres_used", "tres_weighted"),
    values={
        "state": lambda r: "allocated" if r["state"] == "mixed" else r["state"] if r["state"] in _STATES
        else "invalid",
        "next_state_after_reboot": lambda r: r["next_state_after_reboot"]
        if r["next_state_after_reboot"] in _STATES else "invalid",
    })

partition = reshape(drop=v37.PARTITION_DROP,
                    move={"min nodes per job": "min_nodes_per_job", "state": "nodes_online"},
                    values={**v37.PARTITION_VALUES, "nodes_online": raw("state_up")})

# user_name is the job's own, "" when slurmctld sends none.
job = reshape(drop=v37.JOB_DROP, values={**v37.JOB_VALUES, "user_name": raw("user_name")},
              after=v37.JOB_AFTER)

TABLES = {"diag": diag, "node": node, "partition": partition, "job": job}

RULES = Rules(
    # the list endpoints take no update_time: always everything
    no_update_time=True,
    diag_errno_error=v37.RULES.diag_errno_error,
    # GET jobs that fails: the call's code for the status, and errors[] left empty
    jobs_failure_unreported=True,
    # GET nodes or partitions with no list (slurmctld unreachable...): "invalid name" whatever failed
    # (ESLURM_INVALID_NODE_NAME, ESLURM_INVALID_PARTITION_NAME)
    load_failure_codes={"nodes": 2018, "partitions": 2000},
    # GET ping that cannot load the config: its own two {"error"[, "errno"]} items (api/controller)
    ping_errno_errors=True,
    # job descriptions: v0.0.36's parser writes {"error", "error_code"} items, errno in the code
    # (hsearch_r's ESRCH)
    job_desc={
        "keys": {**v37.RULES.job_desc["keys"], "kill_on_invalid dependency": "kill_on_invalid_dependency",
                 "priority": False, "standard_in": "standard_input", "standard_out": "standard_output"},
        "errors": {
            "unknown": {"error": 'Unknown key "{key}": No such process', "error_code": 3},
            "disabled": {"error": 'Disabled key: "{key}"', "error_code": -1},
            "failed": {"error": "process failed for key {given} with error: Unspecified error", "error_code": -1},
            "het": {"error": "_parse_job_component: unexpected failure parsing het job: {index}"},
        },
        "name": "openapi",  # the name of a job sent without one
    },
    # the job_id path parameter is an integer (api/jobs.py converts and checks it as v0.0.36 did)
    job_id_integer=True,
    # failures of the job handlers in v0.0.36's words (api/jobs.py names the situations); each is
    # {"error": ..., "error_code": 0} with status 500, even where v0.0.38 answers 200
    job_errors={
        "job_id_zero": "_op_handler_job: [{context}] job_id is zero",
        "job_id_large": "_op_handler_job: [{context}] job_id too large: {job_id}",
        "not_found": "_handle_job_get: unknown job {job_id}",
        "bad_signal": "_op_handler_job: invalid signal: {signal}",
        "kill_failed": "_handle_job_delete: unable to kill job {job_id} with signal {signal}: {strerror}",
        "parse_failed": "_handle_job_post: job parsing failed for {context}",
        "het_update": "_handle_job_post: unexpected het job request from {context}",
        "update_failed": "_handle_job_post: job update from {context} failed: {strerror}",
        "array_update_failed": "_handle_job_post: job array update from {context} failed with error_code: {strerror}",
    },)
