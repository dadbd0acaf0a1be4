"""GET /openapi, /openapi.json, /openapi.yaml, /openapi/v3: the document of what is served."""
from . import Operation


def _document(ctx):
    from .. import openapi, versions

    plugins = [versions.PLUGINS[name] for name in dict.fromkeys(r.plugin for r in ctx.routes if r.plugin)]
    return openapi.document(plugins, [(r.template, r.method) for r in ctx.routes])


document = Operation(_document, document=True)
document_json = Operation(_document, document=True, media="application/json")
document_yaml = Operation(_document, document=True, media="application/x-yaml")
