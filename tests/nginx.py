"""Run Debian's nginx with the shipped nginx/slurmrestd-py-cache.conf, not as a system service.

    with cache_proxy(upstream_port, workdir) as address: request(address, "GET", ...)

The shipped file is included, unchanged but for three things, in a minimal main configuration whose
logs, pid file, temporary and cache directories all live in WORKDIR: it listens on a free loopback
port instead of 6820, forwards to UPSTREAM_PORT instead of 6821, and caches under WORKDIR. nginx
runs in the foreground as USER (no root needed: its port is above 1024), in its own process group.
"""
import contextlib
import os
import re
import shutil

from daemons import SERVICE_USER, daemon, free_port

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHIPPED = os.path.join(ROOT, "nginx", "slurmrestd-py-cache.conf")


def shipped_ttl():
    """Seconds a 200 answer stays cached, as the shipped file says."""
    with open(SHIPPED) as f:
        return int(re.search(r"(?m)^\s*proxy_cache_valid\s+200\s+(\d+)s;", f.read()).group(1))


def _site(upstream_port, listen_port, cache_dir):
    with open(SHIPPED) as f:
        text = f.read()
    substitutions = (
        (r"(?m)^(\s*listen\s+)6820;", rf"\g<1>127.0.0.1:{listen_port};"),
        (r"(?m)^(\s*server\s+)127\.0\.0\.1:6821;", rf"\g<1>127.0.0.1:{upstream_port};"),
        (r"(?m)^(proxy_cache_path\s+)/var/cache/nginx/slurmrestd-py\b", rf"\g<1>{cache_dir}"),
    )
    for pattern, replacement in substitutions:
        text, n = re.subn(pattern, replacement, text)
        assert n == 1, f"the shipped file no longer has {pattern!r}"
    return text


@contextlib.contextmanager
def cache_proxy(upstream_port, workdir, user=SERVICE_USER):
    """nginx with the shipped site on a free loopback port; yields its (host, port)."""
    port = free_port()
    d = os.path.join(workdir, f"nginx-{port}")
    os.makedirs(d)
    with open(os.path.join(d, "site.conf"), "w") as f:
        f.write(_site(upstream_port, port, os.path.join(d, "cache")))
    temp = " ".join(f"{kind}_temp_path {d}/{kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                  "uwsgi", "scgi"))
    with open(os.path.join(d, "nginx.conf"), "w") as f:
        f.write(f"worker_processes 2;\nerror_log {d}/error.log;\npid {d}/nginx.pid;\n"
                f"events {{ worker_connections 1024; }}\n"
                f"http {{\n    access_log {d}/access.log;\n    {temp}\n    include {d}/site.conf;\n}}\n")
    shutil.chown(d, user, user)
    try:
        with daemon(["nginx", "-c", f"{d}/nginx.conf", "-g", "daemon off;"], user=user,
                    wait_for=("127.0.0.1", port)):
            yield ("127.0.0.1", port)
    finally:
        shutil.rmtree(d, ignore_errors=True)
