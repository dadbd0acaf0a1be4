"""The tables the parser versions share, one module per kind of object (partitions.py, nodes.py
...), each written once for the family v0.0.40 to v0.0.45 with per-row version sets where they
differ. A module gives:

    objects(version) -> {kind: types.Type}          what handlers' records are written as
    responses(version, objects) -> {kind: Object}   whole answers (payload keys, meta, errors, warnings)
    QUERIES -> {kind: rows}                         query parameters, parsed by parsers/queries.py

A version module (v0_0_42.py ...) puts together the modules it serves.
"""
V40 = frozenset({"v0.0.40"})
V41 = frozenset({"v0.0.41"})
V42 = frozenset({"v0.0.42"})
V43 = frozenset({"v0.0.43"})
V44 = frozenset({"v0.0.44"})
V45 = frozenset({"v0.0.45"})
# What a version added stays in the ones after it unless a row says otherwise (26.05 serves v0.0.42-45)
V45_ON = V45
V44_ON = V44 | V45_ON
V43_ON = V43 | V44_ON
V42_ON = V42 | V43_ON
V41_ON = V41 | V42_ON
UNTIL_V41 = V40 | V41
