"""Run by a PyPI client's own virtual environment (tests/test_parsed_clients.py): drive one client
package (an openapi-generator client: slurmrestapi, slurmrestpy, aind_slurm_rest_v2) in one API
version against a listening slurmrestd, and print what each operation gave as one JSON document.

    client_driver.py '{"package": ..., "version": "v0.0.41", "base": URL, "user": ..., "token": ...,
                       "operations": [...], "name": JOB_NAME}'

Only the standard library and the client package: this runs outside the test's own environment.
An operation's outcome: {"ok": true, "facts": {...}} with the few facts the test checks, or
{"ok": false, "error": "<exception type>: <text>"} when the client raised (an HTTP error, or a
validation error of the client's models on our answer). Writes run in order: submit (a held job),
update (its comment), cancel; each checked by reading the job back through the same client.
"""
import importlib
import inspect
import json
import sys
import traceback
import typing

# v0.0.39's operationIds (Slurm 24.05's document) where they are not v0.0.40's names
V39_NAMES = {"get_ping": "ping", "post_job_submit": "submit_job", "post_job": "update_job",
             "delete_job": "cancel_job"}


def _method(api, family, version, name, others=()):
    """The client's method of operation `name`; v0.0.39's by its own names, and wherever the
    client put it (aind_slurm_rest_v2 keeps dbv0.0.39's in SlurmApi: its document tags them "slurm")."""
    if version == "v0.0.39":
        name = V39_NAMES.get(name, name)
    attr = f"{family}_v{version.replace('v', '').replace('.', '')}_{name}"
    for holder in (api, *others):
        if hasattr(holder, attr):
            return getattr(holder, attr)
    return getattr(api, attr)


def _body_type(method):
    """The model class of the operation's body parameter (openapi-generator: the first parameter
    whose annotation is Annotated[Optional[Model], Field(...)] with a pydantic model)."""
    for name, param in inspect.signature(method).parameters.items():
        if name.startswith("_") or name == "job_id":
            continue
        hint = param.annotation
        while typing.get_args(hint):
            hint = next(a for a in typing.get_args(hint) if a is not type(None))
        if hasattr(hint, "from_dict"):
            return hint
    raise AssertionError(f"{method.__name__}: no body parameter")


def _dump(model):
    return model.to_dict() if hasattr(model, "to_dict") else model


def _errors(answer):
    return [e.get("description") or e.get("error") for e in (answer.get("errors") or [])]


def _job(apis, version, job_id):
    (job,) = _dump(_method(apis["slurm"], "slurm", version, "get_job")(str(job_id)))["jobs"]
    state = job.get("job_state")
    return {"name": job.get("name"), "user_name": job.get("user_name"), "comment": job.get("comment"),
            "job_state": state if isinstance(state, list) else [state]}


def run(args):
    package = importlib.import_module(args["package"])
    api_module = importlib.import_module(f"{args['package']}.api")
    config = package.Configuration(host=args["base"])
    client = package.ApiClient(config)
    client.default_headers["X-SLURM-USER-NAME"] = args["user"]
    client.default_headers["X-SLURM-USER-TOKEN"] = args["token"]
    apis = {"slurm": api_module.SlurmApi(client), "slurmdb": api_module.SlurmdbApi(client)}
    version, out, job_id = args["version"], {}, None

    def call(family, name, *a, **kw):
        return _dump(_method(apis[family], family, version, name, apis.values())(*a, **kw))

    for op in args["operations"]:
        try:
            if op == "submit":
                method = _method(apis["slurm"], "slurm", version, "post_job_submit")
                body = _body_type(method).from_dict({
                    "script": "#!/bin/sh\ntrue\n",
                    "job": {"name": args["name"], "partition": "debug", "hold": True,
                            "current_working_directory": "/tmp", "environment": ["PATH=/bin"]}})
                answer = _dump(method(body))
                job_id = answer["job_id"]
                facts = {"job_id": job_id, "errors": _errors(answer), "job": _job(apis, version, job_id)}
            elif op == "update":
                method = _method(apis["slurm"], "slurm", version, "post_job")
                update = {"comment": args["name"]}
                if version == "v0.0.39":  # its job description requires an environment, updates' too
                    update["environment"] = ["PATH=/bin"]
                answer = _dump(method(str(job_id), _body_type(method).from_dict(update)))
                facts = {"errors": _errors(answer), "job": _job(apis, version, job_id)}
            elif op == "cancel":
                answer = call("slurm", "delete_job", str(job_id))
                facts = {"errors": _errors(answer), "job": _job(apis, version, job_id)}
                job_id = None
            else:
                family, _, name = op.partition(":")
                answer = call(family, name)
                facts = {"errors": _errors(answer), "keys": sorted(answer),
                         "counts": {k: len(v) for k, v in answer.items()
                                    if isinstance(v, list) and k not in ("errors", "warnings")}}
            out[op] = {"ok": True, "facts": facts}
        except Exception as e:  # noqa: BLE001 (the client's failure is the finding: report it, go on)
            out[op] = {"ok": False, "error": f"{type(e).__name__}: {e}"[:3000],
                       "where": traceback.format_exc()[-1500:]}
            if op == "submit" and job_id is None:
                break
    if job_id is not None:  # a write failed midway: cancel the held job all the same
        try:
            call("slurm", "delete_job", str(job_id))
        except Exception:  # noqa: BLE001 (said in the outcome)
            out["leftover"] = job_id
    return out


if __name__ == "__main__":
    print(json.dumps(run(json.loads(sys.argv[1]))))
