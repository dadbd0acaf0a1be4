"""A parser version's OpenAPI document, made from the tables that write its answers: each served
operation's answer schema is its response table's, so the document cannot drift from the answers."""
_MEDIA = ("application/json", "application/x-yaml")
# Path parameters, as the reference describes them.
_PARAMETERS = {
    "partition_name": "Partition name",
}


def _content(ref):
    return {m: {"schema": ref} for m in _MEDIA}


def document(plugin, operations):
    """{paths, components} for `operations` ((template, method) served by `plugin`)."""
    from ..api import PARSED_OPERATIONS, operation

    parser = plugin.data_parser
    schemas = parser.schemas()
    tag = plugin.family
    short = parser.version.replace(".", "").replace("v", "v")  # v0.0.42 -> v0042
    paths = {}
    refs = {f"{family} {method} {suffix}": ref for family, method, suffix, ref in PARSED_OPERATIONS}
    for template, method in operations:
        suffix = template[len(plugin.prefix):]
        op = operation(refs[f"{plugin.family} {method.upper()} {suffix}"])
        answer = parser.responses[op.kind].ref(schemas)
        words = [w.strip("{}") for w in suffix.strip("/").split("/")]
        entry = {
            "tags": [tag],
            "operationId": f"{tag}_{short}_{method}_{'_'.join(words)}",
            "responses": {
                "200": {"description": f"{suffix.strip('/')} information", "content": _content(answer)},
                "default": {"description": "Unexpected error", "content": _content(answer)},
            },
        }
        params = [{"in": "path", "name": w, "description": _PARAMETERS.get(w, w), "required": True,
                   "schema": {"type": "string"}} for w in words if "{" + w + "}" in suffix]
        if params:
            entry["parameters"] = params
        paths.setdefault(template, {})[method] = entry
    return {"tags": [{"name": tag, "description": "methods that query " + plugin.title.split()[-1]}],
            "paths": paths, "components": {"schemas": schemas.components}}
