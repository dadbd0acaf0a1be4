"""The shell around the core: one client connection on file descriptors (inetd mode).

The only module that reads and writes file descriptors. It loops: read what the client sent, let
the protocol core cut requests out of it, let the app answer, write the answer, until the client
closes, asks to close, errs, or stays silent past the idle timeout.
"""
import fcntl
import os
import select
import stat

from . import auth, log
from .app import App
from .errors import ApiError
from .protocol import CLOSED, NEED_DATA, AnswerFailed, Connection


READ_SIZE = 64 * 1024


class ClientGone(Exception):
    """The client stopped reading: nothing more can be sent."""


def run(options, rfd=0, wfd=1):
    """Serve the client on (rfd, wfd) with the real Slurm behind, as `options` (cli.Options) say."""
    peer = auth.peer_of(rfd)
    log.info("connection from %s", peer.describe())
    backend = _Backend(options.slurm_conf)
    app = App(options.plugins, auth.Authenticator(options.auth_plugins, peer), backend.open, backend.version,
              backend.refusal, lambda: backend.about(rfd, wfd))
    conn = Connection(options.max_header_bytes, options.max_body_bytes)
    return serve(app, conn, rfd, wfd, options.idle_timeout)


def preload(plugins=()):
    """Import everything a connection needs, and build the route table of `plugins`, for a parent
    that forks one child per connection."""
    from . import api, versions
    from .app import route_table

    for route in api.routes(versions.PLUGINS.values()):
        api.operation(route.operation)
    for plugin in versions.PLUGINS.values():
        # Which versions have a module of differences: found once here, not by every child (for
        # v0.0.38 an import that fails, listing the package's directory).
        plugin.tables
    for plugin in plugins:
        if plugin.parser:
            plugin.data_parser.build_all()  # a parser version's tables (~30 ms): built here, not by every child
    if any(plugin.parser for plugin in plugins):
        from .parsers import status  # noqa: F401  (every parser version's answer)
    # The libslurm wrappers the handlers import when first called (~8 ms for all of them, once).
    import importlib
    import pkgutil

    from . import slurm
    from .slurm._lib import load

    _, lib = load()  # first: libslurm's symbols global, as its plugins need (a module importing it would not)
    # cffi makes each of the module's functions, and each global's struct type (slurm_conf_t: ~0.15 ms),
    # when first named: named here once (~0.3 ms for all), not by every child. Reading a global before
    # slurm_init() only builds its type.
    for name in dir(lib):
        getattr(lib, name)
    for module in pkgutil.iter_modules(slurm.__path__):
        if module.name != "_lib":
            importlib.import_module(f"{slurm.__name__}.{module.name}")
    route_table(plugins)


def warm(options, kinds):
    """In a listening parent: `slurm_init()` once, before any fork, so that no child pays for it.

    `kinds` are the credentials (credentials.MUNGE, credentials.JWT) the children may send. Up to
    22.05 slurm_init() reads slurm.conf and loads no plugin: each child still picks its own auth
    plugin at its first RPC. From 23.11 on slurm_init() loads the auth plugin for good, chosen by
    SLURM_JWT: the parent initialises only when every child will use one kind, and selects it first;
    otherwise each child initialises on its own, as in inetd mode. Returns whether libslurm is
    initialised. The parent opens no connection: every slurmctld RPC and slurmdbd connection is
    the child's own.
    """
    from . import slurm
    from .slurm import credentials

    credentials.abi()
    if credentials.init_fixes_plugin():
        if len(kinds) != 1:
            return False
        credentials.select(next(iter(kinds)))
    slurm.open(options.slurm_conf)
    if credentials.init_fixes_plugin() and kinds == {credentials.JWT}:
        # slurm_init() loaded auth/jwt: its per-request entry found here, once (a handle on an
        # object already mapped, and cffi's wrapper of the function: no state of the plugin's).
        credentials.load_plugin(credentials.JWT)
    return True


def prepare(options, kinds, warm_up=True):
    """In a forked process waiting for its connection (listen.py's spare): do now what the first
    request would do for any client. With one kind of credential, load libslurm's auth plugin for
    it. Then answer canned requests on a socketpair, muted, with no RPC: the pages this process
    shares with its parent that a request writes to (reference counts, caches) are copied now, not
    while a client waits. With libslurm ready (one kind of credential), those requests are GET
    ping/ of the newest parser version of slurmctld's and of v0.0.38 (_warm_up_request), each
    authenticated as the clients' will be (a well-formed, unsigned JWT of this process's user
    that never leaves the process, or the socketpair's peer), answered through the whole path
    (handler, parser, meta, JSON, HTTP) by a stand-in for libslurm whose ping needs no slurmctld
    (_warm_up_slurm); otherwise a path that is not served (a 404 or 401). No warm-up when not
    `warm_up` (a connection is waiting already)."""
    ready = len(kinds) == 1
    if ready:
        from . import slurm
        from .slurm import credentials

        credentials.select(next(iter(kinds)))
        slurm.open(options.slurm_conf)  # done already, unless the parent could not (warm)
        credentials.load_plugin(next(iter(kinds)))
    import socket

    try:
        # glibc reads nsswitch.conf, host.conf and resolv.conf at a process's first name lookup;
        # libslurm looks slurmctld's name up for every RPC: the first of them is spared that.
        socket.getaddrinfo("localhost", None, type=socket.SOCK_STREAM, flags=socket.AI_ADDRCONFIG)
    except OSError:
        pass
    if not warm_up:
        return
    request = _warm_up_request(options, kinds) if ready else None
    ours, theirs = socket.socketpair()
    level = log.mute()
    try:
        if request is None:
            theirs.sendall(b"GET /slurmrestd-py/warm-up HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            app = App(options.plugins, auth.Authenticator(options.auth_plugins, auth.peer_of(ours.fileno())),
                      _no_slurm, lambda: {}, lambda identity, daemon: None)
        else:
            from . import slurm

            theirs.sendall(request)
            app = App(options.plugins, auth.Authenticator(options.auth_plugins, auth.peer_of(ours.fileno())),
                      _warm_up_slurm(), slurm.version, lambda identity, daemon: None,
                      lambda: {**slurm.about(options.slurm_conf), **auth.client_of(ours.fileno(), ours.fileno())})
        serve(app, Connection(options.max_header_bytes, options.max_body_bytes), ours.fileno(), ours.fileno(), 1)
    finally:
        log.unmute(level)
        ours.close()
        theirs.close()


def _warm_up_request(options, kinds):
    """The warm-up's requests, one after the other on one connection: `GET /slurm/VERSION/ping/`
    of the newest parser version of slurmctld's served and of v0.0.38 (the older path), those
    served; None if neither is. Under JWT credentials each carries a token of this process's user
    in the form auth.check_token reads, signed by no one: the stand-in never hands it to libslurm."""
    from .slurm import credentials

    parsed = [plugin for plugin in options.plugins if plugin.parser and plugin.family == "slurm"]
    newest = [max(parsed, key=lambda plugin: tuple(int(n) for n in plugin.parser[1:].split(".")))] if parsed else []
    served = newest + [plugin for plugin in options.plugins if plugin.name == "v0.0.38"]
    if not served:
        return None
    headers = ""
    if kinds == {credentials.JWT}:
        import base64
        import json
        import pwd
        import time

        def part(obj):
            return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()

        user = pwd.getpwuid(os.geteuid()).pw_name
        token = ".".join((part({"alg": "HS256", "typ": "JWT"}),
                          part({"exp": int(time.time()) + 3600, "sun": user}), part("unsigned")))
        headers = f"X-SLURM-USER-NAME: {user}\r\nX-SLURM-USER-TOKEN: {token}\r\n"
    return "".join(f"GET {plugin.prefix}ping/ HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: "
                   f"{'close' if plugin is served[-1] else 'keep-alive'}\r\n\r\n" for plugin in served).encode()


def _warm_up_slurm():
    """libslurm as the warm-up requests see it (a backend.Slurm): the real ffi and slurm_conf (read
    at slurm_init), a slurm_ping that answers at once, slurm_load_ctl_conf handing out that
    slurm_conf; any other function is refused (the warm-up sends no RPC)."""
    from .slurm.backend import Slurm

    class Lib:
        def __init__(self, ffi, lib):
            self.slurm_conf = lib.slurm_conf
            self._conf = ffi.addressof(lib, "slurm_conf")

        @staticmethod
        def slurm_ping(index):
            return 0

        def slurm_load_ctl_conf(self, update_time, out):
            out[0] = self._conf
            return 0

        @staticmethod
        def slurm_free_ctl_conf(conf):
            pass

        def __getattr__(self, name):
            raise RuntimeError(f"the warm-up requests call no other libslurm function ({name})")

    class WarmUpSlurm(Slurm):
        def __init__(self):
            super().__init__()
            self.lib = Lib(self.ffi, self.lib)

    def open_slurm(identity):
        if identity.token:
            auth.check_token(identity.token)
        return WarmUpSlurm()

    return open_slurm


def _no_slurm():
    raise RuntimeError("the warm-up request needs no Slurm")


class _Backend:
    """libslurm, loaded on the first request that needs it (the OpenAPI document does not)."""

    def __init__(self, conf):
        self._conf = conf
        self._slurm = None

    def open(self, identity):
        from .slurm import credentials

        if identity.token:
            auth.check_token(identity.token)  # a token Slurm would refuse costs no RPC
        # Munge for local peers, the client's JWT (and user name) for rest_auth/jwt, per request.
        credentials.select(credentials.JWT if identity.token else credentials.MUNGE)
        if self._slurm is None:
            from . import slurm

            self._slurm = slurm.open(self._conf)
        if identity.token:
            credentials.use_token(identity.token, identity.user)
        return self._slurm

    def version(self):
        from . import slurm

        return slurm.version()

    def about(self, rfd, wfd):
        """What the parser versions' meta says of the cluster and the client (the reference's
        plugin_meta): libslurm's configuration, the connection, the user this process is."""
        from . import slurm

        return {**slurm.about(self._conf), **auth.client_of(rfd, wfd)}

    def refusal(self, identity, daemon):
        """`daemon`'s refusal of the request's credential, as a 401 (None if none, or no RPC yet)."""
        if self._slurm is None:
            return None
        from .slurm import credentials

        return credentials.refusal(identity, daemon)


def serve(app, conn, rfd=0, wfd=1, idle_timeout=None):
    """Answer requests on (rfd, wfd) until the connection ends. Returns how many were answered."""
    answered = 0
    try:
        while True:
            try:
                event = conn.next_request()
            except ApiError as e:
                _write(wfd, conn.respond(app.error(e)), idle_timeout)
                return answered
            _write(wfd, (conn.data_to_send(),), idle_timeout)
            if event is NEED_DATA:
                data = _read(rfd, idle_timeout)
                if data is None:
                    log.info("closing idle connection after %ss", idle_timeout)
                    return answered
                conn.receive_data(data)
                continue
            if event is CLOSED:
                return answered
            response = app.handle(event)
            _write(wfd, conn.respond(response), idle_timeout)
            answered += 1
            if response.close or not conn.keep_alive:
                return answered
    except ClientGone as e:
        log.warning("answer not delivered: %s", e)
        return answered
    except AnswerFailed as e:
        # Its head and part of its body are sent: close, the answer unfinished.
        log.exception("%s; closing the connection with the answer cut short", e)
        return answered
    finally:
        _finish(wfd)


def _read(fd, timeout):
    """Bytes from the client (b"" at its end), or None when it stayed silent for `timeout` seconds."""
    try:
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return None
        return os.read(fd, READ_SIZE)
    except ConnectionResetError:
        return b""
    except OSError as e:  # EIO, EBADF ...: nothing more will come
        log.warning("cannot read from the client: %s", e.strerror)
        return b""


COALESCE = 64 * 1024  # small chunks (an answer's head, its body, h11's framing) go out in one write


def _write(fd, chunks, timeout=None):
    """Write everything, or raise ClientGone: the client is gone (EPIPE, a reset), the sink fails
    (ENOSPC on /dev/full, EIO), or it took nothing for `timeout` seconds (a client that stopped
    reading must not hold the process forever). The fd is non-blocking only while we write.

    Consecutive chunks are joined up to COALESCE bytes: one system call (and, on TCP, one segment
    rather than a head Nagle holds back) for a small answer; the bytes are the same. When `chunks`
    fails, what it gave before is written first."""
    flags = None
    pending, size = [], 0

    def send(data):
        nonlocal flags
        if flags is None:
            flags = fcntl.fcntl(fd, fcntl.F_GETFL)
            if not flags & os.O_NONBLOCK:
                fcntl.fcntl(fd, fcntl.F_SETFL, flags | os.O_NONBLOCK)
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(fd, view):]
            except BlockingIOError:
                _, ready, _ = select.select([], [fd], [], timeout)
                if not ready:
                    raise ClientGone(f"the client read nothing for {timeout}s") from None

    try:
        try:
            for chunk in chunks:
                if not chunk:
                    continue
                if size + len(chunk) > COALESCE and pending:
                    flush, pending, size = pending, [], 0
                    send(b"".join(flush))
                if len(chunk) >= COALESCE:
                    send(chunk)
                else:
                    pending.append(chunk)
                    size += len(chunk)
        finally:
            if pending:  # never after a failed send: that one emptied it
                flush, pending = pending, []
                send(b"".join(flush))
    except OSError as e:
        raise ClientGone(e.strerror) from e
    finally:
        if flags is not None and not flags & os.O_NONBLOCK:
            try:
                fcntl.fcntl(fd, fcntl.F_SETFL, flags)
            except OSError:
                pass


def _finish(fd):
    """Half-close a socket so our last answer is not lost to a reset if the client still sends."""
    try:
        if stat.S_ISSOCK(os.fstat(fd).st_mode):
            import socket  # only for sockets: pipes need none of it

            sock = socket.socket(fileno=os.dup(fd))
            try:
                sock.shutdown(socket.SHUT_WR)
            finally:
                sock.close()
    except OSError:
        pass

