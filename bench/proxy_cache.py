#!/usr/bin/env python3
"""Controller load saved by the shipped nginx cache (nginx/slurmrestd-py-cache.conf) for repeated
GET /slurm/v0.0.38/jobs: slurmctld RPCs spent with and without it, as `sdiag` counts them.

    sudo bench/proxy_cache.py [--clients 10] [--requests 20] [--interval 1.0]

slurmrestd-py listens on loopback with rest_auth/jwt and Debian's nginx runs the shipped file in
front of it (both as user slurmrestd, as tests/test_proxy.py starts them). CLIENTS threads each send
REQUESTS GETs, INTERVAL seconds apart (0: back to back), first straight to slurmrestd-py, then
through nginx. The requests carry the token of a user made for this benchmark alone, so its line
in sdiag's "Remote Procedure Call statistics by user" counts exactly what they cost slurmctld,
whatever else the shared cluster is doing. Not part of the test suite.

Ours runs as $SLURMRESTD_PY_CMD (default: the installed console script).
"""
import argparse
import os
import shlex
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))

from daemons import SERVICE_USER, connect, daemon, ensure_user, free_port, rpc_count, shared_dir, token  # noqa: E402
from nginx import cache_proxy, shipped_ttl  # noqa: E402

OURS = os.environ.get("SLURMRESTD_PY_CMD", "/opt/slurmrestd-py/bin/slurmrestd-py")
USER = "srpy-proxy-bench"
PATH = "/slurm/v0.0.38/jobs"


def run(address, headers, clients, requests, interval):
    """-> (requests answered 200, seconds, RPCs of USER). Each client keeps one connection."""
    failures = []

    def client(_):
        conn = connect(address, timeout=120)
        try:
            for i in range(requests):
                if i and interval:
                    time.sleep(interval)
                conn.request("GET", PATH, headers=headers)
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    failures.append(resp.status)
        finally:
            conn.close()

    before = rpc_count(USER)
    start = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    elapsed = time.monotonic() - start
    if failures:
        sys.exit(f"proxy_cache: {len(failures)} answers were not 200: {sorted(set(failures))}")
    return clients * requests, elapsed, rpc_count(USER) - before


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--requests", type=int, default=20, help="per client")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between a client's requests")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("proxy_cache: run as root (sdiag, and starting the daemons as user slurmrestd)")
    for user in (SERVICE_USER, USER):
        ensure_user(user)
    headers = {"X-SLURM-USER-NAME": USER, "X-SLURM-USER-TOKEN": token(USER, lifespan=3600)}
    upstream = ("127.0.0.1", free_port())
    with shared_dir("srpy-proxy-bench-", 0o1777) as workdir, \
            daemon([*shlex.split(OURS), "-a", "rest_auth/jwt", f"127.0.0.1:{upstream[1]}"],
                   env={"SLURM_JWT": "daemon"}, wait_for=upstream), \
            cache_proxy(upstream[1], workdir) as proxy:
        results = {name: run(address, headers, args.clients, args.requests, args.interval)
                   for name, address in (("direct", upstream), ("nginx cache", proxy))}
    print(f"GET {PATH}: {args.clients} clients x {args.requests} requests, {args.interval:g} s apart, "
          f"cache TTL {shipped_ttl()} s; slurmctld RPCs of the requests' user (sdiag)")
    print(f"  {'':12} {'requests':>9} {'seconds':>8} {'RPCs':>6} {'RPCs/request':>13}")
    for name, (n, seconds, rpcs) in results.items():
        print(f"  {name:12} {n:9d} {seconds:8.1f} {rpcs:6d} {rpcs / n:13.3f}")
    (_, _, direct), (_, _, cached) = results.values()
    print(f"  controller RPCs saved: {direct - cached} of {direct}, ratio direct/cached "
          f"{direct / max(cached, 1):.1f}")


if __name__ == "__main__":
    main()
