"""The command line: parse() as pure code, then the real command's exit codes and streams.

Messages and exit codes are slurmrestd 22.05's (`slurmrestd -t 1` -> "fatal: Request at least 2
threads for processing", exit 1), checked here by hand against the reference.
"""
import os
import re
import subprocess

import pytest

from slurmrestd_py import cli
from slurmrestd_py.auth import JWT, LOCAL

from reference import DEFAULT_CONF
from service import COMMAND, slurm_release


def parse(*argv, **env):
    return cli.parse(list(argv), env)


def test_defaults():
    o = parse()
    assert o.auth_plugins == (LOCAL, JWT)
    assert o.threads == 20 and o.verbose == 0 and o.listen == () and o.security == frozenset()
    assert o.user is None and o.group is None and o.slurm_conf is None
    assert o.plugins


@pytest.mark.parametrize("spec,expected", [
    ("rest_auth/jwt", (JWT,)),
    ("jwt", (JWT,)),
    ("jwt, local", (JWT, LOCAL)),  # order kept: plugins are tried in it
    ("rest_auth/local,rest_auth/jwt", (LOCAL, JWT)),
])
def test_auth_plugins(spec, expected):
    assert parse("-a", spec).auth_plugins == expected
    assert parse(SLURMRESTD_AUTH_TYPES=spec).auth_plugins == expected


def test_option_beats_environment():
    assert parse("-a", "local", SLURMRESTD_AUTH_TYPES="jwt").auth_plugins == (LOCAL,)
    assert parse("-f", "/b.conf", SLURM_CONF="/a.conf").slurm_conf == "/b.conf"
    assert parse(SLURM_CONF="/a.conf").slurm_conf == "/a.conf"


def test_lists_go_to_stderr_and_version_to_stdout():
    reply = parse("-a", "list")
    assert reply.stream == "stderr" and "rest_auth/local\nrest_auth/jwt\n" in reply
    reply = parse("-s", "list")
    assert reply.stream == "stderr" and "openapi/v0.0.38" in reply
    assert parse("-h").stream == "stderr" and parse("-h").startswith("Usage:")
    reply = parse("-V")
    assert reply.stream == "stdout" and f"(slurm {slurm_release()})" in reply


def test_listen_addresses_from_environment_then_arguments():
    o = parse("unix:/run/a.sock", SLURMRESTD_LISTEN="127.0.0.1:1,[::1]:2")
    assert o.listen == ("127.0.0.1:1", "[::1]:2", "unix:/run/a.sock")


def test_verbosity():
    assert parse("-v", "-v").verbose == 2
    assert parse("-vvv").verbose == 3
    assert parse("-v", SLURMRESTD_DEBUG="4").verbose == 5


def test_threads():
    assert parse("-t", "2").threads == 2
    assert parse("-t", "1024").threads == 1024
    assert parse("-t", "8x").threads == 8  # atoi, as the reference


def test_user_and_group_resolved_while_parsing():
    o = parse("-u", "alice", "-g", "0")
    assert o.user.pw_name == "alice" and o.group == 0
    assert parse("-u", "0").user.pw_uid == 0


def test_security():
    o = parse(SLURMRESTD_SECURITY="disable_user_check,DISABLE_UNSHARE_SYSV")
    assert o.security == {"disable_user_check", "disable_unshare_sysv"}


@pytest.mark.parametrize("argv,env,message", [
    (["-t", "1"], {}, "Request at least 2 threads for processing"),
    (["-t", "abc"], {}, "Request at least 2 threads for processing"),
    (["-t", "1025"], {}, "Excessive thread count"),
    (["-a", "bogus"], {}, "Unable to find plugin: rest_auth/bogus"),
    ([], {"SLURMRESTD_AUTH_TYPES": "x"}, "Unable to find plugin: rest_auth/x"),
    (["-s", "openapi/bogus"], {}, "Unable to find plugin: openapi/bogus"),
    (["-u", "no-such-user-x"], {}, "Unable to resolve user: no-such-user-x"),
    (["-g", "no-such-group-x"], {}, "Unable to resolve gid: no-such-group-x"),
    ([], {"SLURMRESTD_DEBUG": "0"}, "Invalid env SLURMRESTD_DEBUG: 0"),
    ([], {"SLURMRESTD_DEBUG": "abc"}, "Invalid env SLURMRESTD_DEBUG: abc"),
    ([], {"SLURMRESTD_SECURITY": "bogus"}, "Unexpected value in SLURMRESTD_SECURITY=bogus"),
])
def test_bad_values(argv, env, message):
    with pytest.raises(cli.UsageError) as e:
        cli.parse(argv, env)
    assert str(e.value) == message and not e.value.show_usage


def test_unknown_option_shows_usage():
    with pytest.raises(cli.UsageError) as e:
        parse("-x")
    assert e.value.show_usage


def test_atoi():
    assert [cli._atoi(v) for v in ("12", " 7", "-3", "+4", "", "x1", "5x")] == [12, 7, -3, 4, 0, 0, 5]


# -- the real command ---------------------------------------------------------------------------

def run(args, user="alice", env=None):
    env_args = " ".join(f"{k}={v}" for k, v in {"SLURM_CONF": DEFAULT_CONF, **(env or {})}.items())
    cmd = ["runuser", "-u", user, "--", "sh", "-c", f"env {env_args} {COMMAND} {args} </dev/null"]
    return subprocess.run(cmd, capture_output=True, timeout=60, check=False)


@pytest.mark.parametrize("args,env,stderr", [
    ("-x", {}, b"Usage:"),
    ("-t 1", {}, b"fatal: Request at least 2 threads for processing"),
    ("-f /nonexistent/slurm.conf", {}, b"fatal: Unable to process configuration file"),
    ("", {"SLURMRESTD_SECURITY": "nope"}, b"fatal: Unexpected value in SLURMRESTD_SECURITY=nope"),
    ("127.0.0.1:99999", {}, b"fatal: Invalid port in listen address"),
    ("unix:relative.sock", {}, b"fatal: Invalid UNIX socket path"),
])
def test_command_fails_with_exit_1(args, env, stderr):
    proc = run(args, env=env)
    assert proc.returncode == 1 and stderr in proc.stderr and proc.stdout == b""
    assert b"Traceback" not in proc.stderr


def test_command_help_and_version():
    proc = run("-h")
    assert proc.returncode == 0 and proc.stdout == b"" and proc.stderr.startswith(b"Usage:")
    proc = run("-V")
    assert proc.returncode == 0 and f"(slurm {slurm_release()})".encode() in proc.stdout


def test_refuses_root_and_slurm_user():
    proc = run("", user="root")
    assert proc.returncode == 1 and b"should not be run as the root user" in proc.stderr
    proc = run("", user="slurm")
    assert proc.returncode == 1 and b"should not be run as SlurmUser" in proc.stderr


def test_disable_user_check_lets_root_serve():
    proc = subprocess.run(
        ["runuser", "-u", "root", "--", "sh", "-c",
         f"printf 'GET /openapi/v3 HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n' | "
         f"env SLURM_CONF={DEFAULT_CONF} SLURMRESTD_SECURITY=disable_user_check {COMMAND}"],
        capture_output=True, timeout=60, check=False)
    assert proc.returncode == 0 and proc.stdout.startswith(b"HTTP/1.1 200")


def test_log_file_that_cannot_be_opened():
    proc = run("", env={"SLURMRESTD_PY_LOG_FILE": "/root/forbidden.log"})
    assert proc.returncode == 1 and b"fatal: Unable to setup logging" in proc.stderr
    assert os.path.exists("/root/forbidden.log") is False


def test_man_page_renders_without_warnings():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.run(["man", "--warnings", "-l", os.path.join(root, "man", "slurmrestd-py.8")],
                          env={**os.environ, "MANWIDTH": "80"}, capture_output=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr == b"" and b"SLURMRESTD_SECURITY" in proc.stdout
    text = proc.stdout.decode()
    for option in ("-a", "-f", "-g", "-h", "-s", "-t", "-u", "-v", "-V"):
        assert re.search(rf"\n +{option}( |\n)", text), option  # indents differ between groff releases


def _man_text():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return subprocess.run(["man", "-l", os.path.join(root, "man", "slurmrestd-py.8")],
                          env={**os.environ, "MANWIDTH": "2000"}, capture_output=True, timeout=60,
                          check=True).stdout.decode()


def _option_paragraph(text, option):
    """The man page's paragraph for `option`, its lines joined."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{option} "))
    indent = len(lines[start]) - len(lines[start].lstrip())
    paragraph = []
    for line in lines[start + 1:]:
        if len(line) - len(line.lstrip()) <= indent:  # the next option (groff releases indent differently)
            break
        paragraph.append(line.strip())
    return " ".join(paragraph)


@pytest.mark.parametrize("option, heading", [("-s", "Possible OpenAPI plugins:"),
                                             ("-a", "Possible REST authentication plugins:")])
def test_man_page_lists_what_list_prints(option, heading):
    """The default list the man page gives for -s and -a is what `-s list` / `-a list` print, so
    the two cannot drift apart."""
    proc = run(f"{option} list")
    listed = proc.stderr.decode().splitlines()  # on stderr, as slurmrestd prints it
    assert listed[0] == heading
    paragraph = _option_paragraph(_man_text(), option)
    named = re.findall(r"(?:openapi|rest_auth)/[\w.]+", paragraph)
    assert named == listed[1:], paragraph


def test_man_page_describes_each_option_once():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, "man", "slurmrestd-py.8")) as f:
        lines = f.read().splitlines()
    heads = [line.split()[1] for before, line in zip(lines, lines[1:])  # an option's tagged paragraph
             if before == ".TP" and line.startswith((".BI \\-", ".B \\-"))]
    assert heads and len(heads) == len(set(heads)), sorted(h for h in heads if heads.count(h) > 1)


def test_readme_starts_with_the_two_commands_as_root():
    """A fresh Debian machine has no sudo: the README's first commands run as root as they are, and
    the scripts they name take sudo themselves when there is one."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, "README.md")) as f:
        block = f.read().split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.splitlines()]
    assert commands == ["scripts/demo", "scripts/test"]
    for command in commands:
        path = os.path.join(root, command)
        assert os.access(path, os.X_OK)
        with open(path) as f:
            assert 'exec sudo "$0" "$@"' in f.read()
    with open(os.path.join(root, "scripts", "test"), "rb") as script:  # the checkout may be root's alone
        proc = subprocess.run(["runuser", "-u", "alice", "--", "env", "PATH=/usr/bin:/bin", "bash", "-s"],
                              stdin=script, capture_output=True, timeout=60)
    assert proc.returncode != 0 and (b"run as root" in proc.stderr or b"sudo" in proc.stderr)
