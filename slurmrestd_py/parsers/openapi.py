"""A parser version's OpenAPI document, made from the tables that write its answers and read its
queries: an operation's answer schema is its response table's, its parameters its query table's,
so the document cannot drift from what is served."""
from .queries import allows_empty
from .queries import schema as query_schema

_PARAMETER = {"style": "form", "explode": False, "allowEmptyValue": False, "allowReserved": False}
# Path parameters, as the reference describes them.
_PATH_PARAMETERS = {
    "partition_name": {"v0.0.39": "Slurm Partition Name", None: "Partition name"},
    "reservation_name": {"v0.0.39": "Slurm Reservation Name", None: "Reservation name"},
    "node_name": {"v0.0.39": "Slurm Node Name", None: "Node name"},
    "job_id": {"v0.0.39": "Slurm JobID", None: "Job ID"},
    "cluster_name": {"v0.0.39": "Slurm cluster name", None: "Cluster name"},
    "wckey": "Slurm wckey name",  # v0.0.39's
    "qos": "QOS name",
    "id": {"v0.0.40": "wckey id", "v0.0.41": "wckey id", None: "WCKey ID"},
    "account_name": {"v0.0.39": "Slurm Account Name", None: "Account name"},
    "qos_name": "Slurm QOS Name",  # v0.0.39's names
    "user_name": "Slurm User Name",
    "name": "User name",
    # (family, name): where one family describes it otherwise
    ("slurmdb", "job_id"): {"v0.0.39": "Slurm JobID", "v0.0.40": "Job id", "v0.0.41": "Job id"},
    # (family, name, method): where one method describes it otherwise (v0.0.39's job writes)
    ("slurm", "job_id", "post"): {"v0.0.39": "Slurm Job ID"},
    ("slurm", "job_id", "delete"): {"v0.0.39": "Slurm Job ID"},
}


# A family's tag, where it is not "methods that query <daemon>"
_TAGS = {"util": "utilities available directly through slurmrestd"}


def _path_parameter(family, version, name, method=None):
    """A path parameter's description: the method's own, else the family's, else the name's; a dict
    holds one per version, None for every version not named (else the name's plain text)."""
    def pick(text):
        return text.get(version) or text.get(None) if isinstance(text, dict) else text

    return (pick(_PATH_PARAMETERS.get((family, name, (method or "").lower()), {}))
            or pick(_PATH_PARAMETERS.get((family, name), {})) or pick(_PATH_PARAMETERS[name]))


def _deprecated(style):
    """A parameter's style, marked deprecated (v0.0.43-44's `format`)."""
    return {"style": style["style"], "explode": style["explode"], "deprecated": True,
            **{k: v for k, v in style.items() if k not in ("style", "explode", "deprecated")}}


def _content(ref):
    return {"application/json": {"schema": ref}}


def document(plugin, operations):
    """{tags, paths, components} for `operations` served by `plugin`: (template, method,
    (answer kind, query kind, operation name, summary, what a 200 answer is, request body))."""
    from .tables.meta import FAILURE_SCHEMA

    parser = plugin.data_parser
    schemas = parser.schemas()
    failure = FAILURE_SCHEMA.ref(schemas)
    short = parser.version.replace(".", "")  # v0.0.42 -> v0042
    style = dict(_PARAMETER)
    if parser.rules.parameters_deprecated is not None:
        style = {"style": "form", "explode": False, "deprecated": parser.rules.parameters_deprecated,
                 "allowEmptyValue": False, "allowReserved": False}
    paths = {}
    for template, method, (kind, query, op_name, summary, (what, failed), body) in operations:
        suffix = template[len(plugin.prefix):]
        # an operation with no answer of its own (a write): the reference's openapi_resp
        answer = parser.responses[kind].ref(schemas) if kind else failure
        params = [{"in": "path", "name": w[1:-1], **style, "style": "simple",
                   "description": _path_parameter(plugin.family, parser.version, w[1:-1], method), "required": True,
                   "schema": {"type": "string"}}
                  for w in suffix.split("/") if w.startswith("{")]
        params += [{"in": "query", "name": name, **(_deprecated(style) if name in parser.deprecated_parameters else style),
                    **({"allowEmptyValue": True} if allows_empty(type_) else {}),
                    **({"description": desc} if desc is not None else {}), "required": False,
                    "schema": query_schema(type_)}
                   for name, type_, desc in parser.queries.get(query or kind, ())]
        entry = {"tags": [parser.rules.document_tag or plugin.family], "summary": summary}
        if parser.rules.deprecated:
            entry["deprecated"] = True
        # a handler named post_node or delete_cluster for its method's own: operationId ..._post_node
        name = op_name.removeprefix(method + "_")
        entry["operationId"] = f"{plugin.family}_{short}_{method}_{name}"
        if params:
            entry["parameters"] = params
        # A repair: the reference documents its failed answers with the operation's answer schema,
        # whose payload keys are required, and then leaves them out; ours say what they hold.
        entry["responses"] = {"200": {"content": _content(answer), "description": what},
                              "default": {"content": _content(failure), "description": failed}}
        if body is not None:  # (kind: a whole answer's, or else one of the parser's objects; description)
            kind, description = body
            if kind in parser.responses:
                schema = parser.responses[kind].ref(schemas)
            else:  # named even where a version writes its schemas inline (v0.0.41), as the reference does
                schema = {"$ref": "#/components/schemas/" + schemas.add(parser.objects[kind])}
            entry["requestBody"] = {"content": _content(schema), "description": description}
        paths.setdefault(template, {})[method] = entry
    tag = _TAGS.get(plugin.family) or f"methods that query {plugin.title.split()[-1]}"
    return {"tags": [{"name": plugin.family, "description": tag}],
            "paths": paths, "components": {"schemas": schemas.components}}
