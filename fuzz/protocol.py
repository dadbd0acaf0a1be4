"""Fuzz target: raw client bytes -> the HTTP core (protocol.Connection) -> the whole app
(negotiation, authentication, routing, query and body parsing, handlers) with a Slurm that refuses
to be opened, so nothing reaches the cluster.

Input: byte 0 chooses how the stream is cut (whole, or slices of 1..64 bytes); byte 1 bit 0 the
authentication plugin (rest_auth/local on a private pipe, or rest_auth/jwt); the rest is what the
client sends, then EOF.

Invariants: the core yields requests or an ApiError with a 4xx status that closes the connection;
bodies stay within the limit; every answer renders to bytes in the API's error format when it is an
error, with no traceback; nothing fails inside the app (its catch-all, a 500, is a failure here).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _driver  # noqa: E402

with _driver.instrumented(__name__):
    from slurmrestd_py import auth, log, media, versions
    from slurmrestd_py.app import App
    from slurmrestd_py.errors import ApiError
    from slurmrestd_py.protocol import CLOSED, NEED_DATA, Connection, Request

MAX_HEADER_BYTES = 2048
MAX_BODY_BYTES = 8192


class NoSlurm(ApiError):
    """What a handler meets when it would open libslurm: an answer, not a call to the cluster."""

    def __init__(self):
        super().__init__(503, "fuzz: no Slurm behind this target")


def _open_slurm():
    raise NoSlurm()


def _version():
    try:
        from slurmrestd_py import slurm

        return slurm.version()
    except ImportError:  # a checkout without the compiled module
        return {}


def _internal_error(msg, *args):
    # app.handle() logs with log.exception() just before answering 500 "Internal error".
    raise AssertionError("the app failed inside: " + (msg % args if args else msg))


log.exception = _internal_error
_PEER = auth.Peer("pipe", os.geteuid(), os.getegid(), mode=0o600)
_PLUGINS = tuple(versions.PLUGINS.values())
_APPS = {}


def app(jwt):
    if jwt not in _APPS:
        plugins = (auth.JWT,) if jwt else (auth.LOCAL,)
        _APPS[jwt] = App(_PLUGINS, auth.Authenticator(plugins, _PEER), lambda identity: _open_slurm(),
                         _version)
    return _APPS[jwt]


def check_answer(response, raw):
    """An app's answer: an error in the API's format when its status says so, and its bytes."""
    if 400 <= response.status:
        assert response.content_type in media.MEDIA_TYPES, response.content_type
        doc = media.decode(response.content_type, response.body)
        # errors[] may be empty: the reference's handlers answer some failures that way
        assert isinstance(doc, dict) and isinstance(doc.get("errors"), list) and "meta" in doc, doc
    assert b"Traceback" not in raw
    assert not raw or raw.startswith(b"HTTP/1.1 "), raw[:40]


def check_request(request):
    assert isinstance(request, Request)
    assert isinstance(request.method, str) and isinstance(request.path, str)
    assert len(request.body) <= MAX_BODY_BYTES
    for name, value in request.headers.items():
        assert name == name.lower() and isinstance(value, str)
    for name, values in request.query.items():
        assert isinstance(name, str) and all(isinstance(v, str) for v in values)
    json.dumps([request.path, request.query], ensure_ascii=False).encode("utf-8")


def check(data):
    if len(data) < 2:
        return
    step = data[0] % 65  # 0: the whole stream at once
    the_app = app(bool(data[1] & 1))
    stream = data[2:]
    conn = Connection(MAX_HEADER_BYTES, MAX_BODY_BYTES)
    pieces = [stream] if not step else [stream[i:i + step] for i in range(0, len(stream), step)]
    for piece in pieces + [b""]:
        conn.receive_data(piece)
        while True:
            try:
                event = conn.next_request()
            except ApiError as e:
                assert 400 <= e.status < 500 and e.close, (e.status, e.description)
                response = the_app.error(e)
                check_answer(response, b"".join(conn.respond(response)))
                return
            conn.data_to_send()
            if event is NEED_DATA:
                break
            if event is CLOSED:
                return
            check_request(event)
            response = the_app.handle(event)
            check_answer(response, b"".join(conn.respond(response)))
            if response.close or not conn.keep_alive:
                return


if __name__ == "__main__":
    sys.exit(_driver.main(check))
