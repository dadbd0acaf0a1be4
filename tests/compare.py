"""Field-by-field comparison of two decoded documents, for differential tests against the reference."""


def differences(ref, ours, ignore=(), path="$"):
    """Human-readable differences between `ref` and `ours`: keys, types and values.

    `ignore` holds paths whose values may differ (timestamps, counters), written as "$.meta.x" with
    "[]" for any list index, e.g. "$.statistics.rpcs_by_message_type[].count".
    """
    out = []
    if path in ignore:
        if type(ref) is not type(ours):
            out.append(f"{path}: type {type(ref).__name__} != {type(ours).__name__}")
        return out
    if type(ref) is not type(ours):
        out.append(f"{path}: type {type(ref).__name__} != {type(ours).__name__} ({ref!r} vs {ours!r})"[:300])
    elif isinstance(ref, dict):
        for key in ref.keys() - ours.keys():
            out.append(f"{path}.{key}: missing from ours")
        for key in ours.keys() - ref.keys():
            out.append(f"{path}.{key}: not in the reference")
        for key in ref.keys() & ours.keys():
            out += differences(ref[key], ours[key], ignore, f"{path}.{key}")
    elif isinstance(ref, list):
        if len(ref) != len(ours):
            out.append(f"{path}: {len(ref)} items != {len(ours)}")
        for a, b in zip(ref, ours):
            out += differences(a, b, ignore, f"{path}[]")
    elif ref != ours:
        out.append(f"{path}: {ref!r} != {ours!r}"[:300])
    return out
