"""A parser version's OpenAPI document, made from the tables that write its answers and read its
queries: an operation's answer schema is its response table's, its parameters its query table's,
so the document cannot drift from what is served."""
from .queries import allows_empty
from .queries import schema as query_schema

_PARAMETER = {"style": "form", "explode": False, "allowEmptyValue": False, "allowReserved": False}
# Path parameters, as the reference describes them.
_PATH_PARAMETERS = {
    "partition_name": "Partition name",
    "job_id": "Job ID",
    # (family, name): where one family describes it otherwise; a dict: per version
    ("slurmdb", "job_id"): {"v0.0.40": "Job id", "v0.0.41": "Job id"},
}


def _path_parameter(family, version, name):
    special = _PATH_PARAMETERS.get((family, name), {})
    return special.get(version, _PATH_PARAMETERS[name])


def _content(ref):
    return {"application/json": {"schema": ref}}


def document(plugin, operations):
    """{tags, paths, components} for `operations` ((template, method) served by `plugin`)."""
    from ..api import PARSED_OPERATIONS, operation

    from .tables.meta import FAILURE_SCHEMA

    parser = plugin.data_parser
    schemas = parser.schemas()
    failure = FAILURE_SCHEMA.ref(schemas)
    rows = {(f, m.lower(), suffix): (ref, summary, what) for f, m, suffix, ref, summary, what in PARSED_OPERATIONS}
    short = parser.version.replace(".", "")  # v0.0.42 -> v0042
    style = dict(_PARAMETER)
    if parser.rules.parameters_deprecated is not None:
        style = {"style": "form", "explode": False, "deprecated": parser.rules.parameters_deprecated,
                 "allowEmptyValue": False, "allowReserved": False}
    paths = {}
    for template, method in operations:
        suffix = template[len(plugin.prefix):]
        ref, summary, what = rows[(plugin.family, method, suffix)]
        op = operation("parsed." + ref)
        answer = parser.responses[op.kind].ref(schemas)
        params = [{"in": "path", "name": w[1:-1], **style, "style": "simple",
                   "description": _path_parameter(plugin.family, parser.version, w[1:-1]), "required": True, "schema": {"type": "string"}}
                  for w in suffix.split("/") if w.startswith("{")]
        params += [{"in": "query", "name": name, **style, **({"allowEmptyValue": True} if allows_empty(type_) else {}),
                    "description": desc, "required": False, "schema": query_schema(type_)}
                   for name, type_, desc in parser.queries.get(op.kind, ())]
        entry = {"tags": [plugin.family], "summary": summary}
        if parser.rules.deprecated:
            entry["deprecated"] = True
        entry["operationId"] = f"{plugin.family}_{short}_{method}_{ref.split(':')[1]}"
        if params:
            entry["parameters"] = params
        # A repair: the reference documents its failed answers with the operation's answer schema,
        # whose payload keys are required, and then leaves them out; ours say what they hold.
        entry["responses"] = {"200": {"content": _content(answer), "description": what},
                              "default": {"content": _content(failure), "description": what}}
        paths.setdefault(template, {})[method] = entry
    return {"tags": [{"name": plugin.family, "description": f"methods that query {plugin.title.split()[-1]}"}],
            "paths": paths, "components": {"schemas": schemas.components}}
