"""Handlers of the parser versions (v0.0.40 on), one module per kind of object, version-neutral: they
ask the backend for whole records, report errors as the reference's handlers do (ctx.error, with the
handler's name as source), and leave every shape to the request's parser (ctx.parser).

A handler returns the payload ({key: records} of the parser's response for its Operation.kind), or
None when it failed before making one (the answer is then errors, warnings and meta).
"""
