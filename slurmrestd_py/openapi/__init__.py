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


def document(plugins, templates):
    """One OpenAPI 3 document for `plugins` (versions.Plugin), with only the paths in `templates`."""
    wanted = set(templates)
    doc = {"openapi": "3.0.2", "info": dict(INFO), "servers": [{"url": "/"}], "security": [],
           "tags": [], "paths": {}, "components": {"schemas": {}, "securitySchemes": {}}}
    tag_names = set()
    for plugin in plugins:
        source = _load(plugin.name)
        for tag in source.get("tags", ()):
            if tag["name"] not in tag_names:
                tag_names.add(tag["name"])
                doc["tags"].append(tag)
        for path, item in source["paths"].items():
            if path in wanted and path not in doc["paths"]:
                doc["paths"][path] = _mark_deprecated(item) if plugin.deprecated else item
        for section, entries in source.get("components", {}).items():
            doc["components"].setdefault(section, {}).update(entries)
        for requirement in source.get("security", ()):
            if requirement not in doc["security"]:
                doc["security"].append(requirement)
    doc["info"]["version"] = ",".join(p.name for p in plugins) or "none"
    return doc


def _mark_deprecated(item):
    return {k: (dict(v, deprecated=True) if isinstance(v, dict) and "responses" in v else v)
            for k, v in item.items()}
