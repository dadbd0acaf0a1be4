"""Media types: which one a client accepts, and JSON or YAML to and from Python data.

The only module that touches ruamel.yaml, imported on first YAML use: most requests are JSON and
start-up time is per connection.
"""
import json
import warnings

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
# Numbers are int64, as in the reference's data_t: larger ones saturate, as its parsers' do.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


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


class Lazy:
    """A document's list given one item at a time (records made as they are encoded), as the value
    of a key of the document's top-level mapping: `stream` encodes it item by item, `encode`
    makes it a list first. Iterated once."""

    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items

    def __iter__(self):
        return iter(self.items)


class Encoded:
    """A document encoded ahead of time: `encoded(media)` gives its bytes for a media type."""

    __slots__ = ("encoded",)

    def __init__(self, encoded):
        self.encoded = encoded


class Later:
    """A value of a document's top-level mapping made only when its turn comes as the document
    is encoded (after the Lazy lists before it): what making their items adds to it is in it."""

    __slots__ = ("make",)

    def __init__(self, make):
        self.make = make


def encode(media, doc):
    """Serialize `doc` for the negotiated media type."""
    if isinstance(doc, Encoded):
        return doc.encoded(media)
    doc = _whole(doc)
    if MEDIA_TYPES[media] is YAML:
        return _yaml_dump(doc)
    return _json_dump(doc)


def _whole(doc):
    if isinstance(doc, dict) and any(isinstance(v, (Lazy, Later)) for v in doc.values()):
        # in the document's order: a Later is made after the Lazy lists before it
        return {k: list(v) if isinstance(v, Lazy) else v.make() if isinstance(v, Later) else v
                for k, v in doc.items()}
    return doc


def is_lazy(doc):
    return isinstance(doc, dict) and any(isinstance(v, Lazy) for v in doc.values())


CHUNK = 64 * 1024  # what stream() gathers before it hands bytes on


def stream(media, doc):
    """`encode(media, doc)` in pieces of about CHUNK bytes, joined the same bytes, with each Lazy
    list encoded one item at a time: the answer is never whole in memory, nor are its records
    when the Lazy makes them as they are asked for. A generator: nothing runs until it is asked."""
    if not is_lazy(doc) or not all(isinstance(key, str) for key in doc):
        yield encode(media, doc)
        return
    pieces = _yaml_pieces(doc) if MEDIA_TYPES[media] is YAML else _json_pieces(doc)
    out = bytearray()
    for piece in pieces:
        out += piece
        if len(out) >= CHUNK:
            yield bytes(out)
            out.clear()
    if out:
        yield bytes(out)


def _json_pieces(doc):
    """As _json_dump: `{"key":value,...}`, compact; a Lazy as `[item,item]`."""
    dumps = _JSON.encode
    sep = b"{"
    for key, value in doc.items():
        yield sep + dumps(key).encode("utf-8") + b":"
        sep = b","
        if isinstance(value, Later):
            value = value.make()
        if isinstance(value, Lazy):
            between = b"["
            for item in value:
                yield between + dumps(item).encode("utf-8")
                between = b","
            yield b"[]" if between == b"[" else b"]"
        else:
            yield dumps(value).encode("utf-8")
    yield b"{}" if sep == b"{" else b"}"


def _yaml_pieces(doc):
    """As _yaml_dump: each top-level key on its own (block style starts each at column 0); a Lazy
    as its key's line, then each item as the one item of a top-level sequence, which ruamel
    writes as it writes an item of a sequence under a top-level key."""
    import io

    y = _yaml()

    def dump(node):
        out = io.StringIO()
        y.dump(node, out)
        return out.getvalue().encode("utf-8")

    for key, value in doc.items():
        if isinstance(value, Later):
            value = value.make()
        if not isinstance(value, Lazy):
            yield dump({key: value})
            continue
        head = None
        for item in value:
            if head is None:
                head = dump({key: [0]})
                yield head[:head.rindex(b"- 0\n")]
            yield dump([item])
        if head is None:
            yield dump({key: []})


def _json_dump(doc):
    """json.dumps(doc), compact, as UTF-8; a top-level list (the records) one item at a time.

    The C encoder keeps every token of a document as a string of its own until it joins them: for
    a thousand records, several times the size of the answer. Item by item, each is joined (and
    made bytes) before the next, so the peak is about twice the answer's size.
    """
    dumps = _JSON.encode
    if not isinstance(doc, dict) or not all(isinstance(key, str) for key in doc):
        return dumps(doc).encode("utf-8")
    parts = []
    for key, value in doc.items():
        if isinstance(value, list) and len(value) > 1:
            items = b",".join([dumps(v).encode("utf-8") for v in value])
            parts.append(b"%s:[%s]" % (dumps(key).encode("utf-8"), items))
        else:
            parts.append(b"%s:%s" % (dumps(key).encode("utf-8"), dumps(value).encode("utf-8")))
    return b"{%s}" % b",".join(parts)


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


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
            doc = json.loads(text, parse_int=_json_int)
        except (ValueError, RecursionError) as e:
            raise _parse_error(f"invalid JSON: {e}") from None
    else:
        doc = _yaml_load(text)
    _check_tree(doc)
    return doc


def _parse_error(why):
    # Parser messages quote the body, which may hold lone surrogates ("\\ud800" in YAML): escape
    # them, or the answer itself could not be encoded.
    why = why.encode("utf-8", "backslashreplace").decode("utf-8")
    return ApiError(400, f"Unable to parse request body: {why}", REST_FAIL_PARSING)


def _json_int(digits):
    """An int64, saturated: Python's int() would refuse more than 4300 digits (a 500)."""
    if len(digits) > 20:
        return INT64_MIN if digits.startswith("-") else INT64_MAX
    return _int64(int(digits))


def _int64(n):
    return INT64_MIN if n < INT64_MIN else INT64_MAX if n > INT64_MAX else n


def _check_tree(doc):
    """Bounded depth, and text that can go back out: a JSON "\\ud800" escape or a YAML one makes
    a lone surrogate, which no UTF-8 answer (nor C string) can hold."""
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _parse_error(f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, dict):
            stack.extend((k, depth) for k in node)
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
        elif isinstance(node, str) and not node.isascii():
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                raise _parse_error("a string holds a lone UTF-16 surrogate") from None


def _yaml():
    from ruamel.yaml import YAML as _YAML

    y = _YAML(typ="safe", pure=True)
    y.default_flow_style = False
    y.width = 2**30  # no folding: ruamel folds long plain keys across lines, which no parser reads back
    y.representer.sort_base_mapping_type_on_output = False  # keep the documents' order, as in JSON
    y.representer.add_representer(str, _represent_str)
    # No anchors and aliases (`&id001` ... `*id001`) for an object met twice (slurmdb jobs' steps
    # share node lists): written out each time, as the reference and JSON do, and as a streamed
    # answer, encoded record by record, can (stream()).
    y.representer.ignore_aliases = lambda data: True
    # Records may be dict subclasses (carrying values the document leaves out): maps all the same.
    y.representer.add_multi_representer(dict, type(y.representer).represent_dict)
    return y


def _represent_str(representer, text):
    # ruamel writes NEL (U+0085) raw in plain and single-quoted scalars, and reads it back as a
    # line break: only double quotes (its "\\N" escape) keep it.
    style = '"' if "\x85" in text else None
    return representer.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _yaml_load(text):
    from ruamel.yaml.error import YAMLError

    y = _yaml()
    try:
        with warnings.catch_warnings():  # a reused anchor is legal YAML: nothing for stderr
            warnings.simplefilter("ignore")
            _check_expansion(y.parse(text))
            docs = list(y.load_all(text))
    except ApiError:
        raise
    except (YAMLError, RecursionError, ValueError, AssertionError, TypeError) as e:
        # ruamel reports some malformed input with asserts and TypeErrors (e.g. "%YAML 1.99999")
        raise _parse_error(f"invalid YAML: {e}") from None
    if len(docs) != 1:
        raise _parse_error("expected exactly one YAML document")
    return _plain(docs[0])


def _check_expansion(events):
    """Refuse a document whose aliases would expand past MAX_YAML_NODES, or that nests past
    MAX_DEPTH, before anything is built: a few anchors referenced in layers grow exponentially
    ("billion laughs")."""
    weights = {}  # anchor -> nodes it stands for
    open_nodes = []  # [anchor, nodes so far] of each collection being read
    total = 0
    for event in events:
        kind = type(event).__name__
        if kind in ("SequenceStartEvent", "MappingStartEvent", "ScalarEvent", "AliasEvent") \
                and len(open_nodes) >= MAX_DEPTH:
            # now, not after composing: ruamel's scanner is quadratic in the nesting depth
            raise _parse_error(f"nested deeper than {MAX_DEPTH} levels")
        if kind in ("SequenceStartEvent", "MappingStartEvent"):
            open_nodes.append([event.anchor, 1])
            continue
        if kind == "ScalarEvent":
            anchor, weight = event.anchor, 1
        elif kind == "AliasEvent":
            if any(event.anchor == a for a, _ in open_nodes):
                # a collection that contains itself: endless to walk, and JSON has no such thing
                raise _parse_error(f"the YAML alias *{event.anchor} refers to a collection it is in")
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
    """YAML's safe types that JSON lacks (dates, sets, binary) become strings, as in a JSON body;
    ints (0x and 0b ones have no digit limit) saturate to int64, as JSON's do."""
    if isinstance(node, dict):
        return {str(_plain(k)): _plain(v) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [_plain(v) for v in node]
    if isinstance(node, int) and not isinstance(node, bool):
        return _int64(node)
    if node is None or isinstance(node, (str, float, bool)):
        return node
    return str(node)


def _yaml_dump(doc):
    import io

    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue().encode("utf-8")
