"""Media types: which one a client accepts, and JSON or YAML to and from Python data.

The only module that touches ruamel.yaml, imported on first YAML use: most requests are JSON and
start-up time is per connection.
"""
import json

from .errors import DATA_UNKNOWN_MIME_TYPE, REST_FAIL_PARSING, ApiError

JSON = "json"
YAML = "yaml"

# Media type -> format. The reference's own four, plus the registered application/yaml and the
# common text/x-yaml, which clients send expecting YAML.
MEDIA_TYPES = {
    "application/json": JSON,
    "application/jsonrequest": JSON,
    "application/x-yaml": YAML,
    "application/yaml": YAML,
    "text/yaml": YAML,
    "text/x-yaml": YAML,
}
DEFAULT_TYPE = "application/json"

# Documents may nest, and YAML ones alias; both are bounded so a small body cannot cost a large process.
MAX_DEPTH = 64
MAX_YAML_NODES = 200_000  # after aliases are expanded


def _parse_accept(value):
    """(media type, q) pairs in preference order; a malformed q counts as 0."""
    entries = []
    for position, item in enumerate(value.split(",")):
        media, *params = (p.strip() for p in item.split(";"))
        q = 1.0
        for p in params:
            name, _, v = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if media:
            entries.append((-q, position, media.lower()))
    return [(media, -negq) for negq, _, media in sorted(entries)]


def negotiate(accept):
    """The media type to answer with, given an Accept header (or None). 415 when none fits."""
    if not accept:
        return DEFAULT_TYPE
    for media, q in _parse_accept(accept):
        if q <= 0:
            continue
        if media in MEDIA_TYPES:
            return media
        if media == "*/*":
            return DEFAULT_TYPE
    raise ApiError(415, "Accept content type is unknown", DATA_UNKNOWN_MIME_TYPE, close=True)


def format_of(content_type):
    """JSON or YAML for a Content-Type header value; 415 for anything else."""
    media = (content_type or "").split(";")[0].strip().lower()
    try:
        return MEDIA_TYPES[media]
    except KeyError:
        raise ApiError(415, f"Unsupported Content-Type: {media or '(none)'}", DATA_UNKNOWN_MIME_TYPE,
                       close=True) from None


def encode(media, doc):
    """Serialize `doc` for the negotiated media type."""
    if MEDIA_TYPES[media] is YAML:
        return _yaml_dump(doc)
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(content_type, body):
    """Parse a request body; None when empty. 400 when it doesn't parse, 415 for unknown types.
    An empty body needs no type: the reference takes it as no input, whatever Content-Type says."""
    if not body:
        return None
    fmt = format_of(content_type)
    if not body.strip():
        return None
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _parse_error("body is not valid UTF-8") from None
    if fmt is JSON:
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError) as e:
            raise _parse_error(f"invalid JSON: {e}") from None
    else:
        doc = _yaml_load(text)
    _check_depth(doc)
    return doc


def _parse_error(why):
    return ApiError(400, f"Unable to parse request body: {why}", REST_FAIL_PARSING)


def _check_depth(doc):
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _parse_error(f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)


def _yaml():
    from ruamel.yaml import YAML as _YAML

    y = _YAML(typ="safe", pure=True)
    y.default_flow_style = False
    y.representer.sort_base_mapping_type_on_output = False  # keep the documents' order, as in JSON
    # Records may be dict subclasses (carrying values the document leaves out): maps all the same.
    y.representer.add_multi_representer(dict, type(y.representer).represent_dict)
    return y


def _yaml_load(text):
    from ruamel.yaml.error import YAMLError

    y = _yaml()
    try:
        _check_expansion(y.parse(text))
        docs = list(y.load_all(text))
    except (YAMLError, RecursionError, ValueError) as e:
        raise _parse_error(f"invalid YAML: {e}") from None
    if len(docs) != 1:
        raise _parse_error("expected exactly one YAML document")
    return _plain(docs[0])


def _check_expansion(events):
    """Refuse a document whose aliases would expand past MAX_YAML_NODES, before anything is built:
    a few anchors referenced in layers grow exponentially ("billion laughs")."""
    weights = {}  # anchor -> nodes it stands for
    open_nodes = []  # [anchor, nodes so far] of each collection being read
    total = 0
    for event in events:
        kind = type(event).__name__
        if kind in ("SequenceStartEvent", "MappingStartEvent"):
            open_nodes.append([event.anchor, 1])
            continue
        if kind == "ScalarEvent":
            anchor, weight = event.anchor, 1
        elif kind == "AliasEvent":
            anchor, weight = None, weights.get(event.anchor, 1)
        elif kind in ("SequenceEndEvent", "MappingEndEvent"):
            anchor, weight = open_nodes.pop()
        else:
            continue
        if anchor:
            weights[anchor] = weight
        if open_nodes:
            open_nodes[-1][1] += weight
            size = open_nodes[-1][1]
        else:
            total += weight
            size = total
        if size > MAX_YAML_NODES:
            raise _parse_error(f"the YAML document expands to more than {MAX_YAML_NODES} nodes")


def _plain(node):
    """YAML's safe types that JSON lacks (dates, sets, binary) become strings, as in a JSON body."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [_plain(v) for v in node]
    if node is None or isinstance(node, (str, int, float, bool)):
        return node
    return str(node)


def _yaml_dump(doc):
    import io

    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue().encode("utf-8")
