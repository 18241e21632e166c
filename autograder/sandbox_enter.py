"""Launcher of a sandboxed kernel: join its cgroups, set its rlimits and a parent-death signal,
then exec bubblewrap.  Run by :mod:`autograder.sandbox` as::

    python -I -S sandbox_enter.py --parent PID [--cgroup DIR]... [--rlimit NAME=N]... [--no-userns] -- bwrap ...

It runs as the grader's user before anything of the student's exists, so every process of the
sandbox (bwrap, the kernel, whatever the kernel forks) starts inside the cgroups and under the
limits: nothing can slip out by forking early.  Standard library only, started with ``-S``
(no site-packages): a few milliseconds.  Any failure exits 126 with a message on stderr, so the
kernel never runs unconfined.

``--no-userns`` hands bwrap a seccomp filter (``--seccomp FD``) under which no process of the
sandbox can make a user namespace: as root the sandbox drops to an unprivileged uid without one,
and a kernel that made its own would hold every capability inside it (kernel attack surface).
``unshare``/``clone`` with ``CLONE_NEWUSER`` fail with EPERM; ``clone3`` (whose flags a filter
cannot read) with ENOSYS, so the C library falls back to ``clone``; syscalls of another ABI
(x32, i386) kill the process.
"""
import ctypes
import os
import platform
import resource
import signal
import struct
import sys

PR_SET_PDEATHSIG = 1
CLONE_NEWUSER = 0x10000000
#: machine: (audit arch, syscall numbers) for the seccomp filter
SECCOMP_ARCH = {"x86_64": (0xC000003E, {"unshare": 272, "clone": 56, "clone3": 435}),
                "aarch64": (0xC00000B7, {"unshare": 97, "clone": 220, "clone3": 435})}


def userns_filter(machine=None):
    """The classic-BPF seccomp program (bytes of ``struct sock_filter``) that refuses new user
    namespaces; None on a machine it has no syscall table for."""
    if (machine or platform.machine()) not in SECCOMP_ARCH:
        return None
    arch, nr = SECCOMP_ARCH[machine or platform.machine()]
    allow, kill = 0x7FFF0000, 0x80000000
    eperm, enosys = 0x00050000 | 1, 0x00050000 | 38     # SECCOMP_RET_ERRNO | errno
    # (op, k, jump if true, jump if false): jumps name a label; None = the next instruction
    program = [
        ("ld", 4), ("jeq", arch, "native", "kill"),                # seccomp_data.arch
        ("kill:",), ("ret", kill),
        ("native:",), ("ld", 0),                                   # seccomp_data.nr
        ("jge", 0x40000000, "enosys", None),                       # the x32 ABI
        ("jeq", nr["clone3"], "enosys", None),
        ("jeq", nr["unshare"], "flags", None),
        ("jeq", nr["clone"], "flags", None),
        ("ret", allow),
        ("flags:",), ("ld", 16),                                   # low half of args[0]
        ("jset", CLONE_NEWUSER, "eperm", "allow"),
        ("allow:",), ("ret", allow),
        ("eperm:",), ("ret", eperm),
        ("enosys:",), ("ret", enosys),
    ]
    code = {"ld": 0x20, "jeq": 0x15, "jge": 0x35, "jset": 0x45, "ret": 0x06}
    labels, body = {}, []
    for item in program:
        if item[0].endswith(":"):
            labels[item[0][:-1]] = len(body)
        else:
            body.append(item)
    out = b""
    for i, (op, k, *jumps) in enumerate(body):
        jt, jf = (labels[j] - i - 1 if j else 0 for j in (jumps or [None, None]))
        out += struct.pack("<HBBI", code[op], jt, jf, k)
    return out


def fail(message):
    print(f"autograder sandbox: {message}", file=sys.stderr, flush=True)
    sys.exit(126)


def main(argv):
    if "--" not in argv:
        fail("usage: sandbox_enter.py --parent PID [--cgroup DIR]... [--rlimit NAME=N]... -- COMMAND...")
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    parent, cgroups, rlimits = None, [], []
    if "--no-userns" in options:
        options.remove("--no-userns")
        program = userns_filter()
        if program is None:
            fail(f"no seccomp filter for this machine ({platform.machine()})")
        fd = os.memfd_create("seccomp", 0)      # inheritable: bwrap reads it after exec
        os.write(fd, program)
        os.lseek(fd, 0, os.SEEK_SET)
        os.set_inheritable(fd, True)
        command[1:1] = ["--seccomp", str(fd)]   # command[0] is bwrap
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
