"""Development-time repairs of the reference's per-plugin documents (the JSON files beside this
module), so that they describe what the reference -- and slurmrestd-py, identically -- answers.

    python -m slurmrestd_py.openapi.repair    # rewrites the files; a second run changes nothing

Never run by the service. tests/test_openapi_repair.py checks the files are repaired;
tests/openapi_check.py validates every answer the tests see against the merged document. Facts come
from Slurm 22.05's own writers (src/plugins/openapi/*/{jobs,nodes,partitions}.c: which keys get
data_set_int / data_set_null) and from answers seen by the tests (slurmdbd records). A field is
repaired where it is, never by loosening a schema as a whole.

Classes of repairs:
- TYPES: a field typed "string" that the reference writes as a number (meta Slurm.version.*, most of
  the v0.0.36/v0.0.37 job record, CPU frequencies and specs, db job allocation_nodes), a number or a
  name (db step id: 0 or "batch"), a list or dict typed as something else (v0.0.36 partition
  preemption_mode, dbv0.0.36/37 user associations, db step task).
- NULLABLE: a field the reference writes as null when unset (NO_VAL, INFINITE, empty string).
- errors: every answer, failed or not, is the envelope {meta, errors: [...], ...}: `<plugin>_errors`
  (an array in the reference) becomes that envelope, every `default` response and the bodiless
  200/500 of POST/DELETE job/{job_id} refer to it; `<plugin>_error` gains the keys the reference
  writes (description, error_number, error, source).
- meta: v0.0.36/v0.0.37 (db too) answers carry `meta` like v0.0.38's; their response objects say so.
"""
import copy
import json
import os

HERE = os.path.dirname(__file__)
PLUGINS = ("v0.0.38", "dbv0.0.38", "v0.0.37", "dbv0.0.37", "v0.0.36", "dbv0.0.36")
MEDIA = ("application/json", "application/x-yaml")

_JOB_NUMBERS_37 = (
    "array_job_id array_max_tasks array_task_id association_id core_spec cores_per_socket "
    "cpu_frequency_governor cpu_frequency_maximum cpu_frequency_minimum cpus cpus_per_task deadline "
    "delay_boot derived_exit_code group_id het_job_id het_job_offset job_id last_sched_evaluation "
    "max_cpus max_nodes memory_per_cpu memory_per_node minimum_cpus_per_node minimum_tmp_disk_per_node "
    "nice node_count priority restart_cnt sockets_per_board sockets_per_node tasks tasks_per_board "
    "tasks_per_core tasks_per_socket thread_spec threads_per_core time_limit time_minimum user_id")
_JOB_NULLS = (
    "array_task_id billable_tres contiguous core_spec cores_per_socket cpu_frequency_governor "
    "cpu_frequency_maximum cpu_frequency_minimum cpus cpus_per_task delay_boot group_id job_id max_cpus "
    "max_nodes memory_per_cpu memory_per_node nice priority profile shared sockets_per_node tasks "
    "tasks_per_core tasks_per_socket thread_spec threads_per_core time_limit time_minimum")
_ASSOCIATION_NULLS = (
    "default/qos max/jobs/per/wall_clock max/per/account/wall_clock min/priority_threshold "
    "parent_account partition priority usage user")

# "schema/field/field" (nested properties; "[]" for an array's items) -> the type written.
TYPES = {
    **{f"{meta}/Slurm/version/{part}": {"type": "integer"}
       for meta in ("v0.0.38_meta", "dbv0.0.38_meta") for part in ("major", "micro", "minor")},
    **{f"v0.0.38_job_response_properties/{k}": {"type": "integer"} for k in (
        "core_spec cores_per_socket cpu_frequency_governor cpu_frequency_maximum cpu_frequency_minimum "
        "cpus_per_task thread_spec").split()},
    **{f"v0.0.37_job_response_properties/{k}": {"type": "integer"} for k in _JOB_NUMBERS_37.split()},
    "v0.0.37_job_response_properties/billable_tres": {"type": "number"},
    **{f"v0.0.36_job_response_properties/{k}": {"type": "integer"} for k in (
        _JOB_NUMBERS_37 + " accrue_time eligible_time end_time pre_sus_time preempt_time resize_time "
        "start_time submit_time suspend_time").split()},
    "v0.0.36_job_response_properties/billable_tres": {"type": "number"},
    "v0.0.36_partition/preemption_mode": {"type": "array", "items": {"type": "string"}},
    # v0.0.37 and v0.0.36 write a job's nodes as an object keyed by node index ("0": {...})
    **{f"v0.0.3{v}_job_resources/allocated_nodes": {"type": "object", "additionalProperties": {
        "type": "object"}} for v in (6, 7)},
    # the db job record, as every db version renders it (the older ones reshape the newest's)
    **{f"dbv0.0.3{v}_job/allocation_nodes": {"type": "integer"} for v in (6, 7, 8)},
    **{f"dbv0.0.3{v}_job/het/job_id": {"type": "integer"} for v in (6, 7)},
    **{f"dbv0.0.3{v}_job_step/step/id": {"oneOf": [{"type": "integer"}, {"type": "string"}]}
       for v in (6, 7, 8)},  # 0 or "batch"
    **{f"dbv0.0.3{v}_job_step/task": {"type": "object", "properties": {"distribution": {"type": "string"}}}
       for v in (6, 7, 8)},
    **{f"dbv0.0.3{v}_user/associations": {
        "type": "array", "items": {"$ref": f"#/components/schemas/dbv0.0.3{v}_association_short_info"}}
       for v in (6, 7)},
}

NULLABLE = [
    *(f"v0.0.3{v}_job_response_properties/{k}" for v in (6, 7, 8) for k in _JOB_NULLS.split()),
    *(f"v0.0.3{v}_node/owner" for v in (6, 7, 8)),
    *(f"v0.0.3{v}_node/tres_used" for v in (7, 8)),
    *(f"v0.0.3{v}_node/reason_set_by_user" for v in (6, 7, 8)),
    *(f"v0.0.3{v}_partition/{k}" for v in (6, 7, 8)
      for k in ("default_time_limit", "maximum_cpus_per_node", "over_time_limit")),
    *(f"v0.0.38_partition/{k}" for k in ("default_memory_per_cpu", "default_memory_per_node",
                                         "maximum_memory_per_cpu", "maximum_memory_per_node")),
    *(f"dbv0.0.3{v}_association/{k}" for v in (6, 7, 8) for k in _ASSOCIATION_NULLS.split()),
    *(f"dbv0.0.37_association/max/jobs/{k}" for k in ("accruing", "active", "total")),
    *(f"dbv0.0.3{v}_association_short_info/{k}" for v in (6, 7, 8) for k in ("partition", "user")),
    "dbv0.0.37_tres_list/[]/name",
    *(f"dbv0.0.3{v}_user/default/account" for v in (6, 7, 8)),
    *(f"dbv0.0.3{v}_job/{k}" for v in (6, 7, 8) for k in (
        "array/task array/task_id comment/administrator comment/job comment/system "
        "het/job_offset kill_request_user").split()),
    "dbv0.0.38_job/container",  # the older versions drop it
    *(f"dbv0.0.3{v}_job_step/{k}" for v in (6, 7, 8) for k in (
        "CPU/requested_frequency/max CPU/requested_frequency/min kill_request_user pid "
        "step/het/component").split()),
    *(f"dbv0.0.3{v}_tres_list/[]/{k}" for v in (6, 8) for k in ("count", "name")),
    "dbv0.0.37_tres_list/[]/count",
    # a job with no time limit, and an exit code not yet known (pending, running); the job's and
    # its steps' times are dumped as UINT32 too, NO_VAL and INFINITE as null (a start not yet set)
    *(f"dbv0.0.3{v}_job/time/limit" for v in (6, 7, 8)),
    *(f"dbv0.0.3{v}_job/time/{k}" for v in (6, 7, 8)
      for k in ("elapsed", "eligible", "end", "start", "submission", "suspended")),
    *(f"dbv0.0.3{v}_job_step/time/{k}" for v in (6, 7, 8)
      for k in ("elapsed", "end", "start", "suspended")),
    *(f"dbv0.0.3{v}_job_exit_code/return_code" for v in (6, 7, 8)),
    # RPC statistics of a uid with no passwd entry (a user since deleted)
    *(f"dbv0.0.3{v}_diag/statistics/users/[]/user" for v in (7, 8)),
]

_ERROR_KEYS = {
    "description": {"type": "string", "description": "Explanation of the cause of the error"},
    "error_number": {"type": "integer", "description": "Slurm internal error number"},
    "error": {"type": "string", "description": "Error message"},
    "source": {"type": "string", "description": "Where the error occurred in the source"},
}
_VERSION = {"type": "object", "properties": {
    k: {"type": "integer", "description": ""} for k in ("major", "micro", "minor")}}
_META = {"type": "object", "properties": {
    "plugin": {"type": "object", "properties": {"type": {"type": "string", "description": ""},
                                                "name": {"type": "string", "description": ""}}},
    "Slurm": {"type": "object", "description": "Slurm information", "properties": {
        "version": _VERSION, "release": {"type": "string", "description": "version specifier"}}}}}


def _field(schemas, path):
    """The schema node at "schema/field/[]/field"; None when the document has no such schema."""
    name, *steps = path.split("/")
    node = schemas.get(name)
    for step in steps:
        if node is None:
            return None
        node = node.get("items") if step == "[]" else node.get("properties", {}).get(step)
    return node


def _retype(node, fragment):
    if all(node.get(k) == v for k, v in fragment.items()):
        return  # already repaired: keep the key order, so that a second run changes nothing
    for key in ("type", "format", "properties", "items", "$ref", "oneOf"):
        node.pop(key, None)
    node.update(copy.deepcopy(fragment))


def _ref(name):
    return {media: {"schema": {"$ref": f"#/components/schemas/{name}"}} for media in MEDIA}


def _errors(doc, plugin):
    schemas = doc["components"]["schemas"]
    meta = f"{plugin}_meta" if f"{plugin}_meta" in schemas else None
    if meta is None:  # v0.0.36/37: the same meta as v0.0.38's, under the plugin's own name
        meta = f"{plugin}_meta"
        schemas[meta] = copy.deepcopy(_META)
    error = schemas[f"{plugin}_error"]
    for key, schema in _ERROR_KEYS.items():
        error["properties"].setdefault(key, dict(schema))
    schemas[f"{plugin}_errors"] = {
        "type": "object", "description": "Any answer's envelope: errors, if any, and the plugin's meta",
        "properties": {"meta": {"$ref": f"#/components/schemas/{meta}"},
                       "errors": {"type": "array", "description": "Slurm errors",
                                  "items": {"$ref": f"#/components/schemas/{plugin}_error"}}}}
    for schema in schemas.values():
        props = schema.get("properties", {})
        if "errors" in props and "meta" not in props:
            props["meta"] = {"$ref": f"#/components/schemas/{meta}"}
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            for status, response in op["responses"].items():
                bodiless_job = "/job/{job_id}" in path and method in ("post", "delete")
                if status == "default" or (bodiless_job and not response.get("content")):
                    response["content"] = _ref(f"{plugin}_errors")


def repair(doc, plugin):
    schemas = doc["components"]["schemas"]
    for path, fragment in TYPES.items():
        node = _field(schemas, path)
        if node is not None:
            _retype(node, fragment)
    for path in NULLABLE:
        node = _field(schemas, path)
        if node is not None:
            node["nullable"] = True
    _errors(doc, plugin)
    return doc


def main():
    for plugin in PLUGINS:
        path = os.path.join(HERE, f"{plugin}.json")
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(repair(doc, plugin), indent=1))


if __name__ == "__main__":
    main()
