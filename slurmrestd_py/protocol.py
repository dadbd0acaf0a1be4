"""HTTP/1.1 for one connection, without I/O: bytes in, `Request`s out; `Response`s in, bytes out.

The only module that touches h11. It enforces the limits h11 leaves to us (the body size) and turns
every protocol failure into an `ApiError` carrying the status to answer with, so the caller never
sees an h11 exception.
"""
import h11

from .errors import DATA_TOO_LARGE, REST_FAIL_PARSING, REST_INVALID_QUERY, ApiError
from .fields import REQUIRED, Factory, Fields

DEFAULT_MAX_HEADER_BYTES = 16 * 1024
DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024

# `next_request()` answers one of these when it has no request to give.
NEED_DATA = h11.NEED_DATA


class _Closed:
    def __repr__(self):
        return "CLOSED"


CLOSED = _Closed()

_REASONS = {
    200: b"OK", 204: b"No Content", 304: b"Not Modified", 400: b"Bad Request", 401: b"Unauthorized", 403: b"Forbidden",
    404: b"Not Found", 405: b"Method Not Allowed", 413: b"Content Too Large",
    415: b"Unsupported Media Type", 422: b"Unprocessable Content", 431: b"Request Header Fields Too Large",
    500: b"Internal Server Error", 501: b"Not Implemented", 503: b"Service Unavailable",
}


class Request(Fields):
    __slots__ = ("method", "path", "query", "headers", "body", "http_version")
    FIELDS = (
        ("method", REQUIRED),
        ("path", REQUIRED),
        ("query", REQUIRED),  # name -> list of values, in the order sent
        ("headers", REQUIRED),  # lower-case name -> value; repeated headers joined with ", "
        ("body", b""),
        ("http_version", "1.1"),
    )
    FROZEN = True

    def header(self, name, default=None):
        return self.headers.get(name, default)


class Response(Fields):
    __slots__ = ("status", "content_type", "body", "headers", "close")
    FIELDS = (
        ("status", REQUIRED),
        ("content_type", "application/json"),  # None: no representation at all (a 304)
        ("body", b""),  # bytes, or an iterable of bytes to stream (sent chunked)
        ("headers", Factory(list)),
        ("close", False),
    )


class AnswerFailed(Exception):
    """The body of a streamed answer failed after its head was sent: no status can say so now,
    and the answer is left unfinished (no last chunk) for the client to see it is cut short; the
    connection can only be closed. Its __cause__ is the failure."""


class Connection:
    """One client connection: feed it bytes, take requests, hand it responses."""

    def __init__(self, max_header_bytes=DEFAULT_MAX_HEADER_BYTES, max_body_bytes=DEFAULT_MAX_BODY_BYTES):
        self._h11 = h11.Connection(h11.SERVER, max_incomplete_event_size=max_header_bytes)
        self._max_header = max_header_bytes
        self._max_body = max_body_bytes
        self._outbox = bytearray()
        self._request = None
        self._body = bytearray()
        self._method = None  # of the request being answered: a HEAD answer carries no body

    def receive_data(self, data):
        """Bytes read from the client; b"" when the client closed its side."""
        self._h11.receive_data(data)

    def data_to_send(self):
        """Bytes the connection wants written before it reads more (a `100 Continue`)."""
        out, self._outbox = bytes(self._outbox), bytearray()
        return out

    def next_request(self):
        """A complete `Request`, `NEED_DATA`, or `CLOSED`. Raises `ApiError` (with `close`) on bad input."""
        while True:
            try:
                event = self._h11.next_event()
            except h11.RemoteProtocolError as e:
                raise _protocol_error(e) from None
            if event is h11.NEED_DATA:
                if self._h11.they_are_waiting_for_100_continue:
                    self._outbox += self._h11.send(h11.InformationalResponse(status_code=100, headers=[]))
                return NEED_DATA
            if event is h11.PAUSED or isinstance(event, h11.ConnectionClosed):
                return CLOSED
            if isinstance(event, h11.Request):
                self._start(event)
            elif isinstance(event, h11.Data):
                self._body += event.data
                if len(self._body) > self._max_body:
                    raise _too_large(self._max_body)
            elif isinstance(event, h11.EndOfMessage):
                request, self._request = self._request, None
                body, self._body = bytes(self._body), bytearray()
                return Request(body=body, **request)

    def _start(self, event):
        # First, so that even a refusal of this request is framed as h11 frames it (no body for HEAD).
        self._method = event.method
        # h11 bounds only a head still incomplete: one that arrived whole in a single read (64 KiB)
        # must be measured here. Its size as sent, give or take the spaces h11 trimmed.
        size = len(event.method) + len(event.target) + 12 + sum(len(n) + len(v) + 4 for n, v in event.headers)
        if size > self._max_header:
            raise _protocol_error(h11.RemoteProtocolError("headers too large", error_status_hint=431))
        headers = {}
        for name, value in event.headers:
            name = name.decode("ascii").lower()
            value = value.decode("latin-1")
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        length = headers.get("content-length")
        if length is not None and int(length.split(",")[0]) > self._max_body:
            raise _too_large(self._max_body)
        path, query = _split_target(event.target)
        self._request = {
            "method": event.method.decode("ascii"),
            "path": path,
            "query": query,
            "headers": headers,
            "http_version": event.http_version.decode("ascii"),
        }

    def respond(self, response):
        """Yield the bytes of `response`; after the last one, `keep_alive` says whether to go on."""
        headers = [(k.encode("ascii"), v.encode("latin-1")) for k, v in response.headers]
        if response.content_type is not None:
            headers.insert(0, (b"content-type", response.content_type.encode("ascii")))
        body = response.body
        if isinstance(body, (bytes, bytearray)):
            if response.content_type is not None:
                headers.append((b"content-length", str(len(body)).encode("ascii")))
            body = (body,) if body else ()
        if response.close:
            headers.append((b"connection", b"close"))
        conn = self._h11
        if conn.our_state is h11.MUST_CLOSE or conn.our_state is h11.CLOSED:
            return
        yield conn.send(h11.Response(status_code=response.status, headers=headers,
                                     reason=_REASONS.get(response.status, b"")))
        head = self._method == b"HEAD"
        chunks = iter(body)
        while True:
            try:
                chunk = next(chunks, None)
            except Exception as e:
                raise AnswerFailed(f"the answer's body failed: {e!r}") from e
            if chunk is None:
                break
            if chunk and not head:
                # The body as it is, framing around it: no copy of a large answer.
                yield from conn.send_with_data_passthrough(h11.Data(data=chunk))
        yield conn.send(h11.EndOfMessage())

    @property
    def keep_alive(self):
        """After a response: whether the next request may follow on this connection."""
        conn = self._h11
        if conn.our_state is h11.DONE and conn.their_state is h11.DONE:
            conn.start_next_cycle()
            return True
        return False


def _split_target(target):
    raw_path, _, raw_query = target.partition(b"?")
    try:
        if b"%" not in raw_path and not raw_query:
            return raw_path.decode("utf-8"), {}
        # Only now: urllib.parse costs ~2 ms to import, and most requests need none of it.
        from urllib.parse import parse_qs, unquote_to_bytes

        path = unquote_to_bytes(raw_path).decode("utf-8")
        query = parse_qs(raw_query.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                         errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "Request target is not valid UTF-8", REST_INVALID_QUERY, close=True) from None
    return path, query


def _protocol_error(e):
    status = e.error_status_hint
    if status == 431:
        return ApiError(431, "Request header fields are too large", DATA_TOO_LARGE, close=True)
    # h11 hints 501 for a transfer coding other than chunked; the reference answers every
    # malformed request with a 4xx, and the request is the client's fault either way.
    return ApiError(400 if status >= 500 else status, f"Malformed HTTP request: {e}", REST_FAIL_PARSING,
                    close=True)


def _too_large(limit):
    return ApiError(413, f"Request body is larger than {limit} bytes", DATA_TOO_LARGE, close=True)
