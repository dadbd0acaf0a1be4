"""The HTTP core and the app behind it under hypothesis: malformed request lines and headers,
framings (Content-Length right, wrong, huge, repeated; chunked valid, invalid, huge sizes), invalid
UTF-8, cut anywhere. Invariants are fuzz/protocol.py's check(): requests or a 4xx ApiError that
closes, and answers in the API's error format, with no traceback and no failure inside the app."""
import pytest
from hypothesis import given, strategies as st

from fuzzing import CI, corpus, target

pytestmark = pytest.mark.randomised

PROTOCOL = target("protocol")
V = b"/slurm/v0.0.38"
_paths = st.sampled_from([V + b"/ping", V + b"/jobs", V + b"/job/submit", V + b"/job/1", V + b"/diag",
                          V + b"/node/x", b"/slurmdb/v0.0.38/accounts", b"/openapi/v3", b"/", b"*",
                          b"/nope", V + b"/job/%ff", V + b"/jobs?update_time=%C3%28"])
_tokens = st.binary(max_size=12) | st.sampled_from([b"", b" ", b"\xff", b"\xc3\x28", b"\x00", b"\r", b"\n",
                                                   b"%", b"%zz", b"?a=b&c", b"\xed\xa0\x80"])
_methods = st.sampled_from([b"GET", b"POST", b"DELETE", b"HEAD", b"PUT", b"OPTIONS", b"get", b"G ET", b""])
_versions = st.sampled_from([b"HTTP/1.1", b"HTTP/1.0", b"HTTP/2.0", b"HTTP/1.1x", b"", b"http/1.1"])
_header_names = st.sampled_from([b"Host", b"Accept", b"Content-Type", b"X-SLURM-USER-NAME",
                                 b"X-SLURM-USER-TOKEN", b"Authorization", b"Connection", b"Expect",
                                 b"X", b"Bad Name", b"", b"\xff"])
_header_values = st.sampled_from([b"application/json", b"application/x-yaml", b"text/html", b"*/*;q=x",
                                  b"close", b"keep-alive", b"100-continue", b"alice", b"bob", b"Bearer x.y.z",
                                  b"\xc3\x28", b"a" * 3000, b""]) | st.binary(max_size=20)
_bodies = st.sampled_from([b"", b"{}", b'{"script": "x", "job": {"name": "fuzz", "tasks": 1e999}}',
                           b"job: &a [*a]", b"\xff\xfe", b"[" * 100]) | st.binary(max_size=64)


@st.composite
def _framed(draw):
    body = draw(_bodies)
    kind = draw(st.sampled_from(["length", "wrong-length", "huge-length", "two-lengths", "chunked",
                                 "bad-chunks", "huge-chunk", "none"]))
    if kind == "length":
        return [b"Content-Length: %d" % len(body)], body
    if kind == "wrong-length":
        return [b"Content-Length: %d" % draw(st.integers(-5, 200))], body
    if kind == "huge-length":
        return [b"Content-Length: " + b"9" * draw(st.integers(5, 40))], body
    if kind == "two-lengths":
        return [b"Content-Length: %d" % len(body), b"Content-Length: %d" % (len(body) + 1)], body
    if kind == "chunked":
        cut = draw(st.integers(0, len(body)))
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in (body[:cut], body[cut:]) if p)
        return [b"Transfer-Encoding: chunked"], chunks + b"0\r\n\r\n"
    if kind == "bad-chunks":
        return [b"Transfer-Encoding: chunked"], draw(st.binary(max_size=40))
    if kind == "huge-chunk":
        return [b"Transfer-Encoding: chunked"], b"f" * draw(st.integers(8, 30)) + b"\r\n" + body
    return [], body


@st.composite
def _requests(draw):
    line = draw(_methods) + b" " + draw(_paths) + draw(_tokens) + b" " + draw(_versions)
    headers = [b"Host: x"] if draw(st.booleans()) else []
    headers += [n + b": " + v for n, v in draw(st.lists(st.tuples(_header_names, _header_values), max_size=5))]
    framing, body = draw(_framed())
    return line + b"\r\n" + b"".join(h + b"\r\n" for h in headers + framing) + b"\r\n" + body


@CI
@given(st.integers(0, 64), st.booleans(), st.lists(_requests(), min_size=1, max_size=3))
def test_any_request_stream(step, jwt, requests):
    PROTOCOL.check(bytes([step, jwt]) + b"".join(requests))


@CI
@given(st.binary(max_size=2048))
def test_any_bytes(data):
    PROTOCOL.check(data)


@pytest.mark.parametrize("path", corpus("protocol"), ids=lambda p: p.rsplit("/", 1)[-1])
def test_corpus(path):
    with open(path, "rb") as f:
        PROTOCOL.check(f.read())
