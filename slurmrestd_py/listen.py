"""Listen mode: `slurmrestd-py 127.0.0.1:6820 [::1]:6820 unix:/run/x.sock`.

One process per connection, as in inetd mode: the listener accepts, forks, and the child serves the
connection with `stdio.run` on the accepted socket, authenticating it on its own (SO_PEERCRED on
UNIX sockets, JWT on TCP). The listener never loads libslurm, so every child starts clean. At most
-t children run at once; further connections wait in the kernel's backlog. SIGINT and SIGTERM end
the children, remove the UNIX sockets and exit 0.
"""
import errno
import os
import select
import signal
import socket
import stat
from dataclasses import dataclass

from . import log

BACKLOG = 128


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


def _name(sockaddr):
    host, port = sockaddr[:2]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class _Server:
    def __init__(self, options, listeners):
        self.options = options
        self.listeners = listeners
        self.children = {}  # pid -> client address
        self.stopping = False

    def run(self):
        wake_r, wake_w = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        signal.set_wakeup_fd(wake_w)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._stop)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # only to wake select()
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        try:
            while not self.stopping:
                self._reap()
                full = len(self.children) >= self.options.threads
                watched = [wake_r] + ([] if full else [lst.sock for lst in self.listeners])
                try:
                    ready, _, _ = select.select(watched, [], [])
                except InterruptedError:
                    continue
                if wake_r in ready:
                    _drain(wake_r)
                for listener in self.listeners:
                    if not self.stopping and listener.sock in ready:
                        self._accept(listener)
        finally:
            close_listeners(self.listeners)
            self._end_children()
            signal.set_wakeup_fd(-1)
            os.close(wake_r)
            os.close(wake_w)
        log.info("shut down")
        return 0

    def _stop(self, signum, frame):
        self.stopping = True

    def _accept(self, listener):
        try:
            conn, address = listener.sock.accept()
        except (BlockingIOError, InterruptedError, ConnectionAbortedError):
            return
        except OSError as e:
            log.error("accept on %s failed: %s", listener.name, e.strerror)
            if e.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                select.select([], [], [], 0.1)  # let children finish before trying again
            return
        client = _name(address) if listener.sock.family != socket.AF_UNIX else listener.name
        try:
            pid = os.fork()
        except OSError as e:
            log.error("cannot fork for %s: %s", client, e.strerror)
            conn.close()
            return
        if pid == 0:
            self._child(conn)
        conn.close()
        self.children[pid] = client
        log.info("connection from %s on %s served by pid %d", client, listener.name, pid)

    def _child(self, conn):
        """In the forked process: serve one connection, then leave without returning to the loop."""
        status = 1
        try:
            signal.set_wakeup_fd(-1)
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
                signal.signal(sig, signal.SIG_DFL)
            for listener in self.listeners:
                listener.sock.close()
            from . import stdio

            fd = conn.detach()
            stdio.run(self.options, fd, fd)
            status = 0
        except BaseException:
            log.exception("connection failed")
        finally:
            os._exit(status)

    def _reap(self):
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                self.children.clear()
                return
            if pid == 0:
                return
            client = self.children.pop(pid, "?")
            code = os.waitstatus_to_exitcode(status)
            (log.info if code == 0 else log.warning)("pid %d for %s ended with %d", pid, client, code)

    def _end_children(self):
        for pid in list(self.children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in list(self.children):
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        self.children.clear()


def _drain(fd):
    try:
        while os.read(fd, 512):
            pass
    except BlockingIOError:
        pass


def serve(options, listeners):
    """Accept on `listeners` (from open_listeners) until SIGINT or SIGTERM; returns the exit status."""
    return _Server(options, listeners).run()
