"""GET /openapi, /openapi.json, /openapi.yaml, /openapi/v3: the document of what is served."""
from . import Operation


def describe(routes):
    """The OpenAPI document of exactly these routes. The parser versions' operations are described
    from their rows in PARSED_OPERATIONS and their Operation's kind (the parser's answer schema)."""
    from .. import openapi, versions
    from . import operation, parsed_operations

    plugins = [versions.PLUGINS[name] for name in dict.fromkeys(r.plugin for r in routes if r.plugin)]
    rows = {(version, family, method, suffix): (ref, summary, what, failed[1] if len(failed) > 1 else what)
            for version in {p.parser for p in plugins if p.parser}
            for family, method, suffix, ref, summary, what, *failed in parsed_operations(version)}
    described, kept = {}, []
    for r in routes:
        plugin = versions.PLUGINS.get(r.plugin)
        if plugin is not None and plugin.parser:
            ref, summary, what, failed = rows[(plugin.parser, plugin.family, r.method, r.template[len(plugin.prefix):])]
            op = operation(r.operation)
            if not op.served(plugin.data_parser.rules):  # a release's reference lacks it in this version
                continue
            kind = op.kind_of(r.method)
            described[(r.template, r.method)] = (kind, op.query, ref.split(":")[1], summary, (what, failed),
                                                 op.body_of(r.method))
        kept.append(r)
    return openapi.document(plugins, [(r.template, r.method) for r in kept], described)


def _document(ctx):
    from ..openapi import served

    return served.document(ctx.routes)


document = Operation(_document, document=True)
document_json = Operation(_document, document=True, media="application/json")
document_yaml = Operation(_document, document=True, media="application/x-yaml")
