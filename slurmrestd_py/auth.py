"""Who is asking: the kernel-verified peer of the connection (rest_auth/local) or a JWT (rest_auth/jwt).

A JWT is checked here for everything that needs no key, as slurmctld's auth/jwt would check it,
so that a token Slurm would refuse gets a 401 that says why, before any RPC: its form (a JWS in
compact form: three base64url parts, a JSON header naming the algorithm, JSON claims), the
algorithm (HS256 or RS256), its expiry (`exp`, with no leeway, as slurmctld) and its user (`sun`,
else `username`). Only the signature, and whether the token's user may act for the named one,
are left to slurmctld and slurmdbd. No JWT library is needed for that: python-jose alone costs
57 ms of imports, more than a whole request, and each connection is a new process.
"""
import base64
import binascii
import json
import os
import pwd
import stat
import struct
import time

from .errors import AUTH_CRED_INVALID, ApiError
from .fields import REQUIRED, Fields

LOCAL = "rest_auth/local"
JWT = "rest_auth/jwt"
PLUGINS = (LOCAL, JWT)

AUTH_FAILED = "Authentication failure"


class Peer(Fields):
    """What stdin is connected to, as the kernel reports it."""

    __slots__ = ("kind", "uid", "gid", "pid", "address", "mode")
    FIELDS = (
        ("kind", REQUIRED),  # "pipe" (or file, tty), "unix", "inet"
        ("uid", None),
        ("gid", None),
        ("pid", None),
        ("address", ""),
        ("mode", 0),  # a pipe's permission bits
    )
    FROZEN = True

    def describe(self):
        if self.kind == "inet":
            return self.address
        who = f"uid={self.uid}" + (f" pid={self.pid}" if self.pid else "")
        return f"{self.kind} {who}"


class Identity(Fields):
    __slots__ = ("user", "uid", "gid", "token", "become")
    FIELDS = (
        ("user", REQUIRED),
        ("uid", None),  # None under rest_auth/jwt: slurmctld, not us, resolves the name
        ("gid", None),
        ("token", None),  # the JWT handed to libslurm, under rest_auth/jwt
        ("become", False),  # the process must switch to this user before talking to Slurm
    )
    FROZEN = True


def peer_of(fd):
    st = os.fstat(fd)
    if not stat.S_ISSOCK(st.st_mode):
        # A pipe (or file, or terminal) belongs to the user who made it.
        return Peer("pipe", st.st_uid, st.st_gid, mode=st.st_mode)
    import socket  # only for sockets: a pipe's peer needs none of it

    sock = socket.socket(fileno=os.dup(fd))
    try:
        if sock.family == socket.AF_UNIX:
            pid, uid, gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))
            return Peer("unix", uid, gid, pid)
        try:
            host, port = sock.getpeername()[:2]
            address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        except OSError:
            address = "unknown"
        return Peer("inet", address=address)
    finally:
        sock.close()


def client_of(rfd, wfd):
    """meta.client.source of the parser versions: the connection's two ends, as the reference
    names them ("pipe:[inode](fd:0)->pipe:[inode](fd:1)")."""

    def end(fd):
        try:
            st = os.fstat(fd)
        except OSError:
            return f"(fd:{fd})"
        kind = "socket" if stat.S_ISSOCK(st.st_mode) else "pipe" if stat.S_ISFIFO(st.st_mode) else "file"
        return f"{kind}:[{st.st_ino}](fd:{fd})"

    return {"source": end(rfd) if rfd == wfd else f"{end(rfd)}->{end(wfd)}"}


def _identity(uid, gid=None, **kw):
    try:
        pw = pwd.getpwuid(uid)
    except KeyError:
        raise _refused(f"uid {uid} has no user name") from None
    return Identity(pw.pw_name, uid, pw.pw_gid if gid is None else gid, **kw)


def _refused(why, source="rest_auth"):
    return ApiError(401, f"{AUTH_FAILED}: {why}", AUTH_CRED_INVALID, source=source, close=True)


class Authenticator:
    """Decides, per request, who the client is, as slurmrestd's rest_auth does: the enabled plugins,
    in their order (-a), each skip the request, accept it, or reject it (which ends the search)."""

    def __init__(self, plugins, peer):
        self.plugins = tuple(plugins)
        self.peer = peer

    def authenticate(self, request):
        for plugin in self.plugins:
            identity = (self._local if plugin == LOCAL else self._jwt)(request)
            if identity is not None:
                return identity
        raise _refused("no credentials apply: send X-SLURM-USER-NAME and X-SLURM-USER-TOKEN"
                       + (" or connect through a UNIX socket" if LOCAL in self.plugins else ""))

    def _local(self, request):
        peer, me = self.peer, os.geteuid()
        if peer.kind == "inet":
            return None  # peer credentials exist only for pipes and UNIX sockets
        if peer.kind == "pipe" and peer.mode & (stat.S_ISUID | stat.S_ISGID | stat.S_IRWXO):
            raise _refused(f"pipe permissions {peer.mode & 0o7777:04o} let others in")
        if peer.uid == me:
            return _identity(me, os.getegid())
        if peer.kind == "unix" and peer.uid == 0:
            # As the reference: root may connect, and is served as this process's user (munge can
            # sign for no one else), so naming another user in X-SLURM-USER-NAME is refused.
            identity = _identity(me, os.getegid())
            name = request.headers.get("x-slurm-user-name")
            if name not in (None, identity.user):
                raise _refused(f"root peer asked for user {name!r}; this process can act only as {identity.user}")
            return identity
        if peer.kind == "unix" and me == 0:
            # Our extension: a root service on a shared UNIX socket serves each peer as itself.
            return _identity(peer.uid, become=True)
        raise _refused(f"peer uid {peer.uid} is not this process's uid {me}")

    def _jwt(self, request):
        token, bearer = request.headers.get("x-slurm-user-token"), _bearer(request)
        name = request.headers.get("x-slurm-user-name")
        if token is None and name is None and bearer is None:
            return None
        if token is None and bearer is not None:
            # Our extension (later Slurm releases have it too): the user defaults to the token's.
            token = bearer
        if token is None:
            raise _refused("missing header X-SLURM-USER-TOKEN")
        if name is None and token == bearer:
            name = check_token(token)
        if name is None:
            raise _refused("missing header X-SLURM-USER-NAME")
        # As the reference, a request that needs no Slurm (the OpenAPI document) never checks the
        # token; the backend checks it (check_token) before the first RPC. Its signature, and
        # whether its user may act for `name`, are slurmctld's and slurmdbd's to check.
        return Identity(name, token=token)


def _bearer(request):
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


ALGORITHMS = ("HS256", "RS256")  # what auth/jwt verifies (compared without case, as it does)
_B64URL = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def check_token(token, now=None):
    """The user a JWT names, once it passed every check that needs no key; else a 401 saying which
    check failed. `now` for tests."""
    parts = token.split(".")
    if len(parts) != 3:
        raise _refused(f"malformed token: a JWT has 3 base64url parts separated by '.', this one {len(parts)}",
                       "rest_auth/jwt")
    header = _json_part(parts[0], "header")
    claims = _json_part(parts[1], "claims")
    if not set(parts[2].encode()) <= _B64URL:
        raise _refused("malformed token: its signature is not base64url", "rest_auth/jwt")
    alg = header.get("alg")
    if not isinstance(alg, str):
        raise _refused("malformed token: its header names no algorithm (alg)", "rest_auth/jwt")
    if alg.upper() not in ALGORITHMS:
        raise _refused(f"algorithm {alg[:32]!r} is not accepted (slurmctld verifies HS256 and RS256 only)",
                       "rest_auth/jwt")
    exp = claims.get("exp")
    if type(exp) is not int:  # bool is no expiry either
        raise _refused("the token has no expiry: claim exp must be an integer", "rest_auth/jwt")
    if exp < (time.time() if now is None else now):
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(max(exp, 0)))
        raise _refused(f"token expired at {when}", "rest_auth/jwt")
    user = claims.get("sun") or claims.get("username")
    if not isinstance(user, str) or not user:
        raise _refused("the token names no user: claim sun or username", "rest_auth/jwt")
    return user


def _json_part(text, what):
    """A JWT part decoded: base64url (unpadded, as JWS writes it), then a JSON object."""
    raw = text.encode()
    try:
        if not raw or not set(raw) <= _B64URL:
            raise binascii.Error
        decoded = base64.urlsafe_b64decode(raw + b"=" * (-len(raw) % 4))
    except binascii.Error:  # also a length no base64 has (4n + 1)
        raise _refused(f"malformed token: its {what} is not base64url", "rest_auth/jwt") from None
    try:
        value = json.loads(decoded)
    except (ValueError, RecursionError):
        raise _refused(f"malformed token: its {what} is not JSON", "rest_auth/jwt") from None
    if not isinstance(value, dict):
        raise _refused(f"malformed token: its {what} is not a JSON object", "rest_auth/jwt")
    return value


def become(identity):
    """Switch this process to `identity` for good: groups, then gid, then uid."""
    os.initgroups(identity.user, identity.gid)
    os.setgid(identity.gid)
    os.setuid(identity.uid)
