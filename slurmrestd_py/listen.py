"""Listen mode: `slurmrestd-py 127.0.0.1:6820 [::1]:6820 unix:/run/x.sock`.

One process per connection, as in inetd mode: a child serves one connection with `stdio.run` on
the accepted socket, authenticating it on its own (SO_PEERCRED on UNIX sockets, JWT on TCP), then
exits. The parent is warm: it has imported everything and, where that is safe (stdio.warm), called
slurm_init(); it never sends an RPC, opens no connection to slurmctld or slurmdbd, and starts no
thread. Children are forked before their connection arrives (_Server: spares per kind of
credential), so a client waits for neither fork nor set-up. At most -t connections are served at
once; further ones wait. SIGINT and SIGTERM end
the children, remove the UNIX sockets and exit 0.
"""
import errno
import gc
import os
import select
import signal
import socket
import stat
import struct
import time
from dataclasses import dataclass

from . import log

# As the reference (SLURM_DEFAULT_LISTEN_BACKLOG; the kernel caps it at net.core.somaxconn): with a
# short queue, connections that wait long under load see their handshake's last packet dropped
# and, once the SYN-ACK retries run out, a reset (24.11, 200 clients x 5 with 128: 40 resets).
BACKLOG = 4096


class ListenError(Exception):
    """An address that cannot be parsed, resolved or bound."""


@dataclass
class Listener:
    sock: socket.socket
    name: str
    path: str = None  # a UNIX socket's file, removed at shutdown


def parse_address(spec):
    """("unix", path) or ("inet", host or None, port) from `unix:/path`, `host:port`, `[v6]:port`,
    `:port` (every interface)."""
    if spec.startswith("unix:"):
        path = spec[len("unix:"):]
        if not path.startswith("/"):
            raise ListenError(f"Invalid UNIX socket path: {spec}")
        return ("unix", path)
    if spec.startswith("["):
        host, sep, port = spec[1:].partition("]:")
        if not sep:
            raise ListenError(f"Invalid listen address (expected [host]:port): {spec}")
    else:
        host, sep, port = spec.rpartition(":")
        if not sep or ":" in host:
            raise ListenError(f"Invalid listen address (expected host:port): {spec}")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ListenError(f"Invalid port in listen address: {spec}")
    return ("inet", host or None, int(port))


def open_listeners(specs):
    """Bind and listen on every address; on failure close what was opened and raise ListenError."""
    listeners = []
    try:
        for spec in specs:
            listeners.extend(_open(spec))
    except BaseException:
        close_listeners(listeners)
        raise
    return listeners


def _open(spec):
    address = parse_address(spec)
    if address[0] == "unix":
        return [_open_unix(address[1])]
    _, host, port = address
    if host is None:
        return [_open_any(port)]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise ListenError(f"Unable to resolve {spec}: {e.strerror}") from None
    listeners, seen = [], set()
    for family, type_, proto, _, sockaddr in infos:
        if sockaddr in seen:
            continue
        seen.add(sockaddr)
        sock = socket.socket(family, type_, proto)
        listeners.append(_bind(sock, sockaddr, _name(sockaddr), v6only=True))
    return listeners


def _open_any(port):
    """Every interface: one dual-stack socket (IPv4 clients appear as ::ffff:a.b.c.d), else IPv4."""
    if socket.has_ipv6:
        try:
            return _bind(socket.socket(socket.AF_INET6, socket.SOCK_STREAM), ("::", port), f"[::]:{port}",
                         v6only=False)
        except ListenError:
            pass
    return _bind(socket.socket(socket.AF_INET, socket.SOCK_STREAM), ("0.0.0.0", port), f"0.0.0.0:{port}")


def _bind(sock, sockaddr, name, v6only=True):
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if sock.family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if v6only else 0)
        sock.bind(sockaddr)
        sock.listen(BACKLOG)
    except OSError as e:
        sock.close()
        raise ListenError(f"Unable to listen on {name}: {e.strerror}") from None
    sock.set_inheritable(False)
    log.info("listening on %s", name)
    return Listener(sock, name)


def _open_unix(path):
    try:
        if stat.S_ISSOCK(os.lstat(path).st_mode):
            os.unlink(path)  # left by a daemon that died; a live one would be ours to replace too
    except FileNotFoundError:
        pass
    except OSError as e:
        raise ListenError(f"Unable to listen on unix:{path}: {e.strerror}") from None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    # As the reference: the socket is open to every local user; authentication decides who is served.
    mask = os.umask(0)
    try:
        listener = _bind(sock, path, f"unix:{path}")
    finally:
        os.umask(mask)
    listener.path = path
    return listener


def hand_over(listeners, uid, gid):
    """Give UNIX socket files to the -u/-g identity, so that it can remove them at shutdown."""
    for listener in listeners:
        if listener.path:
            os.chown(listener.path, -1 if uid is None else uid, -1 if gid is None else gid)


def close_listeners(listeners):
    for listener in listeners:
        listener.sock.close()
        if listener.path:
            try:
                os.unlink(listener.path)
            except OSError:
                pass


def credential_kinds(listeners, auth_plugins):
    """What libslurm may have to send for the children of `listeners`: {"munge", "jwt"}, a subset.

    A TCP connection can only authenticate with a JWT (rest_auth/local needs peer credentials). On a
    UNIX socket rest_auth/local, when tried first, accepts or refuses every request (munge); when
    rest_auth/jwt comes first, a request with a token is served with it and one without by munge.
    """
    from .auth import JWT, LOCAL
    from .slurm.credentials import JWT as JWT_CRED, MUNGE

    kinds = set()
    for listener in listeners:
        if listener.sock.family != socket.AF_UNIX:
            if JWT in auth_plugins:
                kinds.add(JWT_CRED)
        elif auth_plugins and auth_plugins[0] == LOCAL:
            kinds.add(MUNGE)
        else:
            kinds.update((MUNGE, JWT_CRED) if LOCAL in auth_plugins else (JWT_CRED,))
    return kinds


def _name(sockaddr):
    host, port = sockaddr[:2]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


# Spares kept per group: IDLE while no connection is being served, BUSY while one is. A spare taken
# while another waits is replaced only once the connections end: forking and preparing a spare
# costs more CPU than serving a request, and on a busy machine that work would compete with the
# connection being served (or with the next one, were there no second spare).
SPARES_IDLE = 2
SPARES_BUSY = 1


class _Server:
    """The listening parent: it accepts nothing itself. For each group of listeners whose clients
    send one kind of credential (credential_kinds) it keeps spare children, forked in advance,
    each of which prepares (stdio.prepare), accepts one connection, tells the parent, and serves
    it; the parent forks the group's next spares when none is left waiting (at once) or when no
    connection is being served (SPARES_IDLE). -t is a pool of tokens in a pipe: a spare takes one
    after accepting and before serving, and the parent puts it back when it reaps that child, so at
    most -t connections are served at once and later ones wait, accepted or in the backlog."""

    def __init__(self, options, listeners):
        self.options = options
        self.listeners = listeners
        self.groups = _groups(listeners, options.auth_plugins)  # [(kinds, [Listener])]
        self.spares = {}  # pid -> group index, waiting for a connection
        self.busy = set()  # pids serving a connection (each holds a token)
        self.retry_at = {}  # group index -> when to fork its spare again, after one died unused
        self.stopping = False

    def run(self):
        wake_r, wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        # taken: spares write their pid once they hold a connection and a token; tokens: -t bytes;
        # alive: never written, its end-of-file tells spares the parent is gone.
        self.taken_r, self.taken_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        self.tokens_r, self.tokens_w = os.pipe2(os.O_CLOEXEC)
        self.alive_r, self.alive_w = os.pipe2(os.O_CLOEXEC)
        self.own_fds = (wake_r, wake_w, self.taken_r, self.tokens_w, self.alive_w)
        os.write(self.tokens_w, b"t" * self.options.threads)
        for listener in self.listeners:
            listener.sock.setblocking(False)
        gc.freeze()  # what is loaded now stays shared with the children: no collection walks it
        signal.set_wakeup_fd(wake_w)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._stop)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # only to wake select()
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, (signal.SIGINT, signal.SIGTERM))  # blocked by cli.main
        try:
            while not self.stopping:
                self._reap()
                timeout = self._refill()
                try:
                    ready, _, _ = select.select([wake_r, self.taken_r], [], [], timeout)
                except InterruptedError:
                    continue
                if wake_r in ready:
                    _drain(wake_r)
                if self.taken_r in ready:
                    self._taken()
        finally:
            close_listeners(self.listeners)
            self._end_children()
            signal.set_wakeup_fd(-1)
            for fd in (wake_r, wake_w, self.taken_r, self.taken_w, self.tokens_r, self.tokens_w,
                       self.alive_r, self.alive_w):
                os.close(fd)
        log.info("shut down")
        return 0

    def _stop(self, signum, frame):
        self.stopping = True

    def _refill(self):
        """Fork spares for every group that has fewer than it should keep (SPARES_BUSY while a
        connection is being served, else SPARES_IDLE); the select() timeout until a retry."""
        now, timeout = time.monotonic(), None
        # Connections waiting in the backlog: no connection's latency left to protect, only the
        # queue's, which spares prepared two at a time shorten (the CPUs are otherwise idle then).
        want = SPARES_BUSY if self.busy and not _pending(self.listeners) else SPARES_IDLE
        waiting = list(self.spares.values())
        for group in range(len(self.groups)):
            if self.stopping:
                break
            for _ in range(want - waiting.count(group)):
                wait = self.retry_at.get(group, 0) - now
                if wait > 0:
                    timeout = wait if timeout is None else min(timeout, wait)
                    break
                try:
                    pid = os.fork()
                except OSError as e:
                    log.error("cannot fork: %s", e.strerror)
                    self.retry_at[group] = now + 0.1
                    timeout = 0.1
                    break
                if pid == 0:
                    self._spare(group)
                self.spares[pid] = group
        return timeout

    def _taken(self):
        try:
            data = os.read(self.taken_r, 4096)
        except BlockingIOError:
            return
        for (pid,) in struct.iter_unpack("i", data):
            if self.spares.pop(pid, None) is not None:
                self.busy.add(pid)

    def _spare(self, group):
        """In the forked process: prepare, wait for one connection of the group, serve it, exit."""
        status = 1
        try:
            signal.set_wakeup_fd(-1)
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
                signal.signal(sig, signal.SIG_DFL)
            for fd in self.own_fds:
                os.close(fd)
            kinds, mine = self.groups[group]
            for listener in self.listeners:
                if listener not in mine:
                    listener.sock.close()
            from . import stdio

            # Connections already waiting (a busy server): serve one now, without the warm-up
            # requests; they would only add their CPU to the queue's wait.
            stdio.prepare(self.options, kinds, warm_up=not _pending(mine))
            gc.freeze()  # a collection would write to every object shared with the parent
            conn, listener, address = self._accept(mine)
            if conn is None:
                os._exit(0)  # the parent is gone
            for other in mine:
                other.sock.close()
            os.close(self.alive_r)
            os.read(self.tokens_r, 1)  # wait while -t connections are served
            os.write(self.taken_w, struct.pack("i", os.getpid()))
            os.close(self.tokens_r)
            os.close(self.taken_w)
            client = _name(address) if listener.sock.family != socket.AF_UNIX else listener.name
            log.info("connection from %s on %s served by pid %d", client, listener.name, os.getpid())
            fd = conn.detach()
            os.set_blocking(fd, True)
            stdio.run(self.options, fd, fd)
            status = 0
        except BaseException:
            log.exception("connection failed")
        finally:
            os._exit(status)

    def _accept(self, mine):
        """(socket, listener, address) of one connection, or Nones when the parent is gone.

        The group's spares all wait on the same sockets; EPOLLEXCLUSIVE wakes one of them per
        connection rather than all (the others would only find nothing to accept)."""
        socks = {listener.sock.fileno(): listener for listener in mine}
        poller = select.epoll(len(socks) + 1)
        poller.register(self.alive_r, select.EPOLLIN)
        for fd in socks:
            poller.register(fd, select.EPOLLIN | select.EPOLLEXCLUSIVE)
        while True:
            try:
                events = poller.poll()
            except InterruptedError:
                continue
            if any(fd == self.alive_r for fd, _ in events):
                poller.close()
                return None, None, None
            for fd, _ in events:
                sock = socks[fd].sock
                try:
                    conn, address = sock.accept()
                except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                    continue
                except OSError as e:
                    log.error("accept on %s failed: %s", socks[fd].name, e.strerror)
                    if e.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                        select.select([], [], [], 0.1)  # let other connections finish first
                    continue
                poller.close()
                return conn, socks[fd], address

    def _reap(self):
        while self.spares or self.busy:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                self.spares.clear()
                self.busy.clear()
                return
            if pid == 0:
                return
            code = os.waitstatus_to_exitcode(status)
            self._taken()  # a short connection may end before its pid was read
            if pid in self.busy:
                self.busy.discard(pid)
                os.write(self.tokens_w, b"t")
                (log.info if code == 0 else log.warning)("pid %d ended with %d", pid, code)
            else:
                group = self.spares.pop(pid, None)
                if group is not None and not self.stopping:
                    # It died before any connection (a failing slurm_init, a kill): not in a loop.
                    log.warning("spare pid %d died unused with %d", pid, code)
                    self.retry_at[group] = time.monotonic() + 1

    def _end_children(self):
        children = list(self.spares) + list(self.busy)
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        self.spares.clear()
        self.busy.clear()


def _groups(listeners, auth_plugins):
    """Listeners grouped by the credential kinds their clients send, [(frozenset, [Listener])]."""
    groups = {}
    for listener in listeners:
        groups.setdefault(frozenset(credential_kinds([listener], auth_plugins)), []).append(listener)
    return list(groups.items())


def _pending(listeners):
    """Whether a connection waits to be accepted on any of `listeners`."""
    try:
        ready, _, _ = select.select([listener.sock for listener in listeners], [], [], 0)
    except (OSError, ValueError):
        return False
    return bool(ready)


def _drain(fd):
    try:
        while os.read(fd, 512):
            pass
    except BlockingIOError:
        pass


def serve(options, listeners):
    """Accept on `listeners` (from open_listeners) until SIGINT or SIGTERM; returns the exit status.
    A SIGINT or SIGTERM the caller held back while starting (cli.main blocks them) is taken as
    soon as run() handles them: it then stops at once, cleaning up as after any signal."""
    return _Server(options, listeners).run()
