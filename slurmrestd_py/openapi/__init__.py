"""The OpenAPI document: the reference's per-plugin documents (data files beside this module),
merged for the enabled plugins and cut down to the paths that are routed, so it describes exactly
what this process serves.
"""
import json
import os

_HERE = os.path.dirname(__file__)

INFO = {
    "title": "Slurm Rest API",
    "description": "API to access and control Slurm, served by slurmrestd-py.",
    "termsOfService": "https://github.com/SchedMD/slurm/blob/master/DISCLAIMER",
    "contact": {"name": "SchedMD LLC", "url": "https://www.schedmd.com/", "email": "sales@schedmd.com"},
    "license": {"name": "Apache 2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0.html"},
}


def _load(plugin_name):
    with open(os.path.join(_HERE, f"{plugin_name}.json"), encoding="utf-8") as f:
        return json.load(f)


# Path item keys other than operations that OpenAPI 3.0 allows; the reference's dbv0.0.38 document
# has a stray schema under /accounts, which would make ours invalid.
_PATH_ITEM_KEYS = {"summary", "description", "servers", "parameters"}


def document(plugins, operations, described=None):
    """One OpenAPI 3 document for `plugins` (versions.Plugin) describing exactly `operations`,
    (path template, method) pairs; a parser version's are `described`: (template, method) ->
    (the parser's answer kind, query kind, operation name, summary, what a 200 answer is, request body)."""
    wanted = {}
    for template, method in operations:
        wanted.setdefault(template, set()).add(method.lower())
    doc = {"openapi": "3.0.2", "info": dict(INFO), "servers": [{"url": "/"}], "security": [],
           "tags": [], "paths": {}, "components": {"schemas": {}, "securitySchemes": {}}}
    tag_names = set()
    operation_ids = set()
    for plugin in plugins:
        source = _generated(plugin, wanted, described or {}) if plugin.parser else _load(plugin.name)
        for tag in source.get("tags", ()):
            if tag["name"] not in tag_names:
                tag_names.add(tag["name"])
                doc["tags"].append(tag)
        for path, item in source["paths"].items():
            if path in wanted and path not in doc["paths"]:
                item = {k: v for k, v in item.items() if k in wanted[path] or k in _PATH_ITEM_KEYS}
                doc["paths"][path] = _operations(item, plugin, operation_ids)
        for section, entries in source.get("components", {}).items():
            doc["components"].setdefault(section, {}).update(entries)
        for requirement in source.get("security", ()):
            if requirement not in doc["security"]:
                doc["security"].append(requirement)
    doc["info"]["version"] = ",".join(p.name for p in plugins) or "none"
    return doc


def _operations(item, plugin, operation_ids):
    """A path item's operations, tagged deprecated for a deprecated plugin, with operationIds made
    unique (the reference's v0.0.36 reuses v0.0.37's, which a merged document may not)."""
    out = {}
    for key, op in item.items():
        if key not in _PATH_ITEM_KEYS:
            op = dict(op)
            if plugin.deprecated:
                op["deprecated"] = True
            if "operationId" in op:
                if op["operationId"] in operation_ids:
                    op["operationId"] = f"{op['operationId']}_{plugin.name.replace('.', '_')}"
                operation_ids.add(op["operationId"])
        out[key] = op
    return out


def _generated(plugin, wanted, described):
    """A parser version's document, made from its tables (parsers/openapi.py)."""
    from ..parsers.openapi import document

    return document(plugin, [(t, m, described[(t, m.upper())]) for t, methods in wanted.items()
                             for m in methods if t.startswith(plugin.prefix)])
