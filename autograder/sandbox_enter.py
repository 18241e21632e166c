"""Launcher of a sandboxed kernel: join its cgroups, set its rlimits and a parent-death signal,
then exec bubblewrap.  Run by :mod:`autograder.sandbox` as::

    python -I -S sandbox_enter.py --parent PID [--cgroup DIR]... [--rlimit NAME=N]... -- bwrap ...

It runs as the grader's user before anything of the student's exists, so every process of the
sandbox (bwrap, the kernel, whatever the kernel forks) starts inside the cgroups and under the
limits: nothing can slip out by forking early.  Standard library only, started with ``-S``
(no site-packages): a few milliseconds.  Any failure exits 126 with a message on stderr, so the
kernel never runs unconfined.
"""
import ctypes
import os
import resource
import signal
import sys

PR_SET_PDEATHSIG = 1


def fail(message):
    print(f"autograder sandbox: {message}", file=sys.stderr, flush=True)
    sys.exit(126)


def main(argv):
    if "--" not in argv:
        fail("usage: sandbox_enter.py --parent PID [--cgroup DIR]... [--rlimit NAME=N]... -- COMMAND...")
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    parent, cgroups, rlimits = None, [], []
    for flag, value in zip(options[::2], options[1::2]):
        if flag == "--parent":
            parent = int(value)
        elif flag == "--cgroup":
            cgroups.append(value)
        elif flag == "--rlimit":
            name, number = value.split("=")
            rlimits.append((name, int(number)))
        else:
            fail(f"unknown option {flag}")

    # SIGKILL when the grader dies; bwrap --die-with-parent passes it on to the sandbox's init,
    # whose death kills every process of the sandbox's PID namespace.
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        fail(f"prctl(PR_SET_PDEATHSIG) failed: {os.strerror(ctypes.get_errno())}")
    if parent is not None and os.getppid() != parent:
        fail("the grader exited before the kernel started")

    for folder in cgroups:
        try:
            with open(os.path.join(folder, "cgroup.procs"), "w") as f:
                f.write(str(os.getpid()))
            with open(os.path.join(folder, "cgroup.procs")) as f:
                joined = str(os.getpid()) in f.read().split()
        except OSError as exc:
            fail(f"cannot join cgroup {folder}: {exc}")
        if not joined:
            fail(f"joining cgroup {folder} did not take")

    for name, value in rlimits:
        which = getattr(resource, f"RLIMIT_{name}")
        # CPU: SIGXCPU at the soft limit (the kernel dies with a clear signal), SIGKILL 5 s later
        limits = (value, value + 5) if name == "CPU" else (value, value)
        try:
            resource.setrlimit(which, limits)
        except (ValueError, OSError) as exc:
            fail(f"cannot set RLIMIT_{name}={value}: {exc}")

    try:
        os.execv(command[0], command)
    except OSError as exc:
        fail(f"cannot run {command[0]}: {exc}")


if __name__ == "__main__":
    main(sys.argv[1:])
