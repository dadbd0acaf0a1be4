"""slurmdb POST job/{job_id} and jobs/ (v0.0.44 on): the accounting job record fields a modify
sets (the reference's JOB_MODIFY, a subset of slurmdb_job_rec_t: what as_mysql_modify_job()
changes), jobs/'s request (job ids and the record) and the answer (slurmdbd's "<id> submitted at
<time>" strings).

Rows: (path, field of the record, type, description[, versions]), in the reference's order, with
its published descriptions.
"""
from ..types import REQUIRED, STRING, List, table
from . import V44_ON
from .clusters import STRING_LIST
from .jobs import ExitCode, _EXIT_STATUS
from .meta import response
from .qos import TresList
from .tres import TRES

_NO_VAL = 0xFFFFFFFE


class _ExitCodeParsed(ExitCode):
    """PROCESS_EXIT_CODE as a body gives it: a number (or numeric string) is the raw wait()
    status (UINT32_NO_VAL); an object {status[], return_code, signal{}} gives its return_code as
    that status, unshifted, as the reference's parser does. Its status names are checked (an
    unknown one is an error, and the parse goes on)."""

    def parse(self, value, at, report):
        from .. import parsing as p
        from ..types import UINT32_NO_VAL

        if isinstance(value, (int, float)) and not isinstance(value, bool) or \
                isinstance(value, str) and p.to_int(value) is not None:
            return UINT32_NO_VAL.parse(value, at, report)
        if not isinstance(value, dict):
            report.fail(at, p.EXPECTED_DICT, f"Rejecting {p.slurm_type(value)} when dictionary expected")
        status = value.get("status")
        if status is not None:
            names = [status] if isinstance(status, str) else status if isinstance(status, list) else None
            if names is None:
                report.fail(p.child(at, "status"), p.FLAGS_INVALID_TYPE,
                            f"Expected a List but found a {p.slurm_type(status)}")
            for i, name in enumerate(names):
                text = "" if name is None else p.to_string(name)
                if text is not None and text.upper() not in _EXIT_STATUS:
                    report.ctx.error(p.INVALID_FLAG, p.item(p.child(at, "status"), i), f"Unknown flag \"{text}\"",
                                     p.TEXTS[p.INVALID_FLAG])
        if "return_code" in value:
            return UINT32_NO_VAL.parse(value["return_code"], p.child(at, "return_code"), report)
        # (the reference then sets whatever its stack held: ours changes nothing, README)
        return _NO_VAL


def _job_modify(version):
    return table("job_modify", (
        ("comment/administrator", "admin_comment", STRING, "Arbitrary comment made by administrator"),
        ("derived_exit_code", "derived_ec", _ExitCodeParsed(),
         "Highest exit code of all job steps (return code returned by process)"),
        ("comment/job", "derived_es", STRING, "Arbitrary comment made by user"),
        ("extra", "extra", STRING, "Arbitrary string used for node filtering if extra constraints are enabled"),
        ("comment/system", "system_comment", STRING, "Arbitrary comment from slurmctld"),
        ("tres/allocated", "tres_alloc_str", TresList(table("tres", TRES, version), "tres_list"),
         "Trackable resources allocated to the job"),
        ("wckey", "wckey", STRING, "Workload characterization key"),
    ), version)


def objects(version):
    if version not in V44_ON:
        return {}
    return {"job_modify": _job_modify(version)}


def responses(version, objects):
    if version not in V44_ON:
        return {}
    return {
        "job_modify_results": response("openapi_job_modify_resp", (
            ("results", "results", STRING_LIST, "Job modify results", REQUIRED),
        ), version),
        # jobs/'s body: written as an answer is (meta, errors and warnings after its own keys)
        "job_modify_req": response("openapi_job_modify_req", (
            ("job_id_list", "job_id_list", List(STRING, "selected_step_list"), "CSV list of Job IDs to modify"),
            ("job_rec", "job_rec", objects["job_modify"], "Job modify message"),
        ), version),
    }
