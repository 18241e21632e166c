"""Every grading kernel runs in a sandbox: bubblewrap namespaces, its own uid, caps on memory,
processes and CPU.

Threat model: a hostile student controls everything inside their Jupyter kernel (any code, any
syscall an unprivileged process may make).  The tamper guard (:mod:`coursekit.guard`) keeps
honest mistakes from fooling the tests; this module keeps hostile code from reaching anything
else.  The kernel runs as::

    python -I -S sandbox_enter.py ...   joins the kernel's cgroups, sets rlimits and a
      |                                 parent-death signal, then execs:
      bwrap --unshare-{pid,net,ipc,uts,cgroup} --die-with-parent --new-session ...
        setpriv --reuid=65534 ...       (as root; otherwise bwrap's own user namespace)
          python -m ipykernel_launcher -f <runtime>/kernel.json

and sees: a read-only system (/usr, /lib*, /bin, /sbin, a few /etc files), the venv, of the
course only ``coursekit/`` and ``datasets/`` (read-only, at their real paths), fresh /proc,
/dev and /tmp, its runtime folder (Unix sockets: ``ipc`` transport works across network
namespaces, TCP does not) and, as working directory at the notebook folder's own path, a
tmpfs holding a read-only scratch copy of that folder's files.  The host never reads anything
back, so nothing the kernel writes reaches the grader.  No network, no other process.

Caps on writing: the working folder, /tmp and /dev/shm are tmpfs of ``DISK_MB`` each.  No
process of the sandbox can make a user namespace (a seccomp filter, see ``sandbox_enter.py``).

Caps: memory, processes and CPU rate through cgroups (v2 when it carries the memory and pids
controllers, else the v1 hierarchies); ``RLIMIT_DATA`` (a single huge allocation fails with
MemoryError in its own cell), ``RLIMIT_CPU`` (CPU seconds) and ``RLIMIT_CORE=0`` always;
without usable cgroups (not root, no delegation) ``RLIMIT_NPROC`` stands in for the pids cap.
Everything fails closed: a missing tool or a cap that cannot be set raises :class:`SandboxError`
instead of running a kernel unconfined.  On shutdown everything left in the kernel's cgroup is
killed, and the cgroup, the runtime folder and the scratch copy are removed.

Used by: :class:`SandboxedExecute` (nbgrader autograde, see :func:`use_sandbox`), the corpus
runner (:func:`kernel_manager_class`), :func:`preflight` once per batch.
"""
import atexit
import errno
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from nbgrader.preprocessors import Execute
from traitlets import Bool, Float, Integer

from .bundle import MEMORY_MB
from .course import CourseError
from .sandbox_enter import userns_filter

#: The unprivileged user every kernel runs as (``nobody``).
SANDBOX_UID = 65534
#: Processes + threads of one kernel and everything it starts (pids cgroup).  Measured peaks on
#: 2 cores: A1 16, A2 24, A3 23; TensorFlow and OpenBLAS start threads per core, hence the margin
#: and the growth with the core count.
PIDS = max(256, 8 * (os.cpu_count() or 1))
#: CPU cores a kernel may use at once (cgroup CPU quota): what the time budgets were measured on.
CPUS = 2.0
#: CPU seconds of one kernel process (RLIMIT_CPU): twice the default whole-grading timeout.
CPU_SECONDS = 1800
#: Largest scratch copy of a notebook's folder (bytes).
SCRATCH_MAX_BYTES = 200 * 2**20
#: What a kernel may write: its working folder, /tmp and /dev/shm are each a tmpfs of this many
#: MiB (bwrap --size); a full one gives ENOSPC in the writer's own cell, never a full host disk.
#: Measured: A3, the biggest writer, leaves a few hundred KiB (two pictures of its model).
DISK_MB = 512
#: Kernel stdout/stderr passed on to the grader's log (bytes); the rest is dropped.
OUTPUT_LIMIT = 64 * 1024

LAUNCHER = Path(__file__).with_name("sandbox_enter.py")
#: A seccomp filter refuses new user namespaces (sandbox_enter.py), where it knows the machine.
NO_USERNS = userns_filter() is not None
PREFIX = "autograder-sandbox-"          # + grader pid: sandbox folders and cgroups
CGROUP_DIR = "autograder-sandbox"       # parent cgroup of all sandboxes, in each hierarchy
MOUNTS = Path("/proc/self/mounts")
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone", "fonts",
             "nsswitch.conf", "hosts", "alternatives", "mime.types")
_ENV_KEEP = re.compile(r"LANG|LANGUAGE|LC_\w+|TZ|PYTHONHASHSEED|PYTHONWARNINGS|MPLBACKEND|"
                       r"NBGRADER_\w+|TF_\w+|OMP_\w+|OPENBLAS_\w+|MKL_\w+")
_HOW_TO = ("Install bubblewrap (`apt-get install bubblewrap`, or `make setup` as root) and run the "
           "grader as root or where unprivileged user namespaces are allowed; or pass --no-sandbox "
           "to grade with kernels unconfined (only for submissions you trust).")


class SandboxError(CourseError):
    """Kernels cannot be sandboxed as configured; the message says what is missing."""

    def __init__(self, what):
        super().__init__(f"cannot sandbox the grading kernels: {what}. {_HOW_TO}")


@dataclass(frozen=True)
class Limits:
    """Caps of one sandbox; 0 means no cap."""
    memory_mb: int = MEMORY_MB
    pids: int = PIDS
    cpu_seconds: int = CPU_SECONDS
    cpus: float = CPUS


# ----------------------------------------------------------------------------- cgroups

def cgroup_layout():
    """``(version, {controller: mount})`` of the cgroups that can cap a sandbox, or None.

    v2 when its mount offers memory and pids, else v1 when both hierarchies are mounted; cpu is
    used when present.  None (rlimits only) when neither, or when we may not write there
    (not root): then the caller falls back to rlimits."""
    v1, v2 = {}, None
    for line in MOUNTS.read_text().splitlines():
        _, where, kind, options = line.split()[:4]
        where = Path(where.replace("\\040", " "))
        if kind == "cgroup2":
            v2 = where
        elif kind == "cgroup":
            v1.update({c: where for c in options.split(",") if c in ("memory", "pids", "cpu")})
    if v2 is not None and (v2 / "cgroup.controllers").exists():
        offered = set((v2 / "cgroup.controllers").read_text().split()) & {"memory", "pids", "cpu"}
        if {"memory", "pids"} <= offered:
            return ("v2", {c: v2 for c in offered}) if os.access(v2, os.W_OK) else None
    if {"memory", "pids"} <= set(v1):
        return ("v1", v1) if all(os.access(m, os.W_OK) for m in v1.values()) else None
    return None


def _write(path, value):
    """Write a cgroup control file (never creating it: a missing file is an error)."""
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, str(value).encode())
    finally:
        os.close(fd)


class Cgroup:
    """One sandbox's cgroup: a folder per v1 hierarchy, or one v2 folder."""

    def __init__(self, version, folders):
        self.version = version
        self.folders = folders                     # {controller: folder}

    @property
    def dirs(self):
        return sorted(set(self.folders.values()))

    @classmethod
    def create(cls, layout, limits: Limits, name):
        """Make the cgroup and set ``limits``; raise SandboxError if any step fails."""
        version, mounts = layout
        group = cls(version, {})
        try:
            for controller, mount in sorted(mounts.items()):
                base = mount / CGROUP_DIR
                base.mkdir(exist_ok=True)
                if version == "v2":   # controllers must be enabled for the children of each level
                    wanted = " ".join(f"+{c}" for c in sorted(mounts))
                    _write(mount / "cgroup.subtree_control", wanted)
                    _write(base / "cgroup.subtree_control", wanted)
                folder = base / name
                if folder not in group.folders.values():
                    folder.mkdir()     # never reuse one: a stale cgroup may hold other limits
                group.folders[controller] = folder
            for path, value in group._settings(limits):
                _write(path, value)
                if path.name not in ("cpu.max", "memory.swap.max", "memory.memsw.limit_in_bytes"):
                    if path.read_text().strip() != str(value):
                        raise OSError(errno.EINVAL, f"reads back as {path.read_text().strip()!r}", str(path))
        except OSError as exc:
            group.remove()
            raise SandboxError(f"cgroup {version} set-up failed ({exc})") from None
        return group

    def _settings(self, limits):
        f, v2 = self.folders, self.version == "v2"
        mem = limits.memory_mb * 2**20
        if limits.memory_mb > 0:
            yield f["memory"] / ("memory.max" if v2 else "memory.limit_in_bytes"), mem
            swap = f["memory"] / ("memory.swap.max" if v2 else "memory.memsw.limit_in_bytes")
            if swap.exists():      # no swapping around the cap (absent without swap accounting)
                yield swap, 0 if v2 else mem
        if limits.pids > 0:
            yield f["pids"] / "pids.max", limits.pids
        if limits.cpus > 0 and "cpu" in f:
            if v2:
                yield f["cpu"] / "cpu.max", f"{int(limits.cpus * 100000)} 100000"
            else:
                period = int((f["cpu"] / "cpu.cfs_period_us").read_text())
                yield f["cpu"] / "cpu.cfs_quota_us", int(limits.cpus * period)

    def kill(self, wait=5.0):
        """SIGKILL every process in the cgroup, until none is left (or ``wait`` s passed)."""
        deadline = time.monotonic() + wait
        for folder in self.dirs:
            if (folder / "cgroup.kill").exists():
                _write(folder / "cgroup.kill", 1)
        while time.monotonic() < deadline:
            pids = [int(p) for d in self.dirs if (d / "cgroup.procs").exists()
                    for p in (d / "cgroup.procs").read_text().split()]
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.05)

    def remove(self):
        self.kill()
        for folder in self.dirs:
            for _ in range(50):          # a killed process leaves its cgroup a moment later
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.1)


# ----------------------------------------------------------------------------- one sandbox

def _under(path, roots):
    return any(path == r or r in path.parents for r in roots)


def _readonly_paths():
    """Host folders the kernel needs, read-only: the venv (and its interpreter when outside
    /usr), ``coursekit`` and the ``datasets`` folder next to it (what coursekit.signs reads)."""
    paths = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(),
             Path(sys.executable).resolve().parent}
    spec = importlib.util.find_spec("coursekit")
    if spec is None or not spec.submodule_search_locations:
        raise SandboxError("the coursekit package is not importable")
    coursekit = Path(list(spec.submodule_search_locations)[0]).resolve()
    paths |= {coursekit, coursekit.parent / "datasets"}
    paths = {p for p in paths if p.exists() and not _under(p, [Path("/usr")])}
    return sorted(p for p in paths if not _under(p, [q for q in paths if q != p]))


def _copy_tree(src: Path, dst: Path, budget):
    """Copy the regular files and folders under ``src`` (no links, FIFOs, devices, notebooks,
    checkpoints); return the bytes left of ``budget``."""
    for entry in os.scandir(src):
        if entry.is_symlink() or entry.name == ".ipynb_checkpoints":
            continue
        if entry.is_dir(follow_symlinks=False):
            (dst / entry.name).mkdir()
            budget = _copy_tree(Path(entry.path), dst / entry.name, budget)
        elif entry.is_file(follow_symlinks=False) and not entry.name.endswith(".ipynb"):
            budget -= entry.stat(follow_symlinks=False).st_size
            if budget < 0:
                raise SandboxError(f"the notebook folder {src} holds more than "
                                   f"{SCRATCH_MAX_BYTES // 2**20} MiB of files")
            shutil.copyfile(entry.path, dst / entry.name, follow_symlinks=False)
    return budget


class Sandbox:
    """One sandboxed process tree: private folders, cgroup, and the command that enters it.

    ``workdir`` (the notebook's folder, or None) is copied into the scratch folder, which the
    kernel sees at ``workdir``'s path.  :meth:`close` kills what is left and removes it all."""

    def __init__(self, limits: Limits, workdir=None):
        self.limits = limits
        self.workdir = Path(os.path.abspath(workdir)) if workdir else None
        self.root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
        self.run_dir, self.scratch = self.root / "run", self.root / "work"
        self.cgroup = None
        atexit.register(self.close)
        try:
            for folder in (self.run_dir, self.scratch, self.root / "etc"):
                folder.mkdir()
            (self.root / "etc" / "passwd").write_text(
                "root:x:0:0:root:/root:/usr/sbin/nologin\n"
                f"nobody:x:{SANDBOX_UID}:{SANDBOX_UID}:nobody:/tmp:/usr/sbin/nologin\n")
            (self.root / "etc" / "group").write_text(f"root:x:0:\nnogroup:x:{SANDBOX_UID}:\n")
            if self.workdir:
                _copy_tree(self.workdir, self.scratch, SCRATCH_MAX_BYTES)
            self.give(self.run_dir)
            self.give(self.scratch)
            layout = cgroup_layout()
            if layout:
                self.cgroup = Cgroup.create(layout, limits, self.root.name)
        except BaseException:
            self.close()
            raise

    def give(self, path):
        """Hand ``path`` (recursively) to the sandbox user; no-op unless root."""
        if os.geteuid() != 0:
            return
        os.chown(path, SANDBOX_UID, SANDBOX_UID)
        if Path(path).is_dir():
            for folder, dirs, files in os.walk(path):
                for name in dirs + files:
                    os.chown(os.path.join(folder, name), SANDBOX_UID, SANDBOX_UID, follow_symlinks=False)

    def command(self, argv):
        """``argv`` wrapped: launcher (cgroups, rlimits, parent-death signal), bwrap, setpriv."""
        launcher = [sys.executable, "-I", "-S", str(LAUNCHER), "--parent", str(os.getpid())]
        for folder in self.cgroup.dirs if self.cgroup else []:
            launcher += ["--cgroup", str(folder)]
        lim = self.limits
        rlimits = {"CORE": 0, "DATA": lim.memory_mb * 2**20, "CPU": lim.cpu_seconds,
                   "NPROC": 0 if self.cgroup else lim.pids}   # NPROC: fallback for the pids cgroup
        for name, value in rlimits.items():
            if value > 0 or name == "CORE":
                launcher += ["--rlimit", f"{name}={value}"]
        if NO_USERNS:
            launcher += ["--no-userns"]
        drop = []
        if os.geteuid() == 0:   # no user namespace as root: drop to the sandbox uid inside
            drop = [_tool("setpriv"), f"--reuid={SANDBOX_UID}", f"--regid={SANDBOX_UID}", "--clear-groups",
                    "--no-new-privs", "--bounding-set=-all", "--inh-caps=-all", "--"]
        return [*launcher, "--", *self._bwrap(), *drop, *argv]

    def _bwrap(self):
        args = [_tool("bwrap"), "--die-with-parent", "--new-session"]
        if os.geteuid() == 0:   # --unshare-all would add a user namespace where 65534 is unmapped
            args += ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
        else:
            args += ["--unshare-all", "--unshare-user", "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID),
                     "--disable-userns"]
        args += ["--hostname", "sandbox", "--ro-bind", "/usr", "/usr"]
        for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
            if os.path.islink(top):
                args += ["--symlink", os.readlink(top), top]
            elif os.path.isdir(top):
                args += ["--ro-bind", top, top]
        size = ["--size", str(DISK_MB * 2**20)]
        args += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", *size, "--tmpfs", "/dev/shm",
                 "--perms", "1777", *size, "--tmpfs", "/tmp"]          # /tmp before any bind under it
        readonly = _readonly_paths()
        workdir = self.workdir or self.scratch
        binds = [("--ro-bind", Path(f"/etc/{name}"), Path(f"/etc/{name}")) for name in ETC_FILES
                 if os.path.exists(f"/etc/{name}")]    # fonts: else matplotlib writes an error to stderr
        binds += [("--ro-bind", self.root / "etc" / name, Path(f"/etc/{name}")) for name in ("passwd", "group")]
        binds += [("--ro-bind", p, p) for p in readonly]
        # the working folder is a capped tmpfs; the scratch copy's files appear in it read-only
        # (a kernel could otherwise grow them on the host's disk)
        binds += [("--bind", self.run_dir, self.run_dir), ("--tmpfs", None, workdir)]
        binds += [("--ro-bind", entry, workdir / entry.name) for entry in sorted(self.scratch.iterdir())]
        # parent folders of the mount points: bwrap would make them 0700, unreadable for the kernel
        made, skip = set(), [Path("/usr"), *readonly]
        for _, _, dest in binds:
            for parent in reversed(dest.parents):
                if parent not in made and parent not in (Path("/"), Path("/tmp")) and not _under(parent, skip):
                    args += ["--perms", "0755", "--dir", str(parent)]
                    made.add(parent)
        for how, src, dest in sorted(binds, key=lambda b: len(b[2].parts)):
            args += ["--perms", "1777", *size, how, str(dest)] if how == "--tmpfs" else [how, str(src), str(dest)]
        # launch_kernel sets JPY_PARENT_PID after env(); in the PID namespace the kernel's parent is
        # bwrap's init, which ipykernel would take for a dead parent.  1 means "no parent to watch"
        # (parent death is handled by the namespace) and keeps its console banner quiet.
        return args + ["--chdir", str(workdir), "--setenv", "JPY_PARENT_PID", "1"]

    def env(self, env=None):
        """The kernel's environment: a short allow-list of ``env`` (no host secrets)."""
        kept = {k: v for k, v in (os.environ if env is None else env).items() if _ENV_KEEP.fullmatch(k)}
        kept.update(HOME="/tmp", USER="nobody", LOGNAME="nobody",
                    PATH=f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin")
        return kept

    def relay(self, stream):
        """Pass the kernel's own stdout/stderr on to ours, prefixed and capped at OUTPUT_LIMIT
        (a kernel must not flood the grader's log, nor forge its ``[autograder]`` lines)."""
        def pump():
            sent = 0
            with stream:
                for line in iter(lambda: stream.readline(4096), b""):
                    if sent < OUTPUT_LIMIT:
                        text = line.decode(errors="replace").rstrip("\n")
                        sys.stdout.write(f"[kernel] {text}\n" if sent + len(line) < OUTPUT_LIMIT
                                         else "[kernel] (more output dropped)\n")
                        sys.stdout.flush()
                    sent += len(line)
        threading.Thread(target=pump, daemon=True, name="sandbox-output").start()

    def kill(self):
        if self.cgroup:
            self.cgroup.kill()

    def close(self):
        atexit.unregister(self.close)
        if self.cgroup:
            self.cgroup.remove()
            self.cgroup = None
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _tool(name):
    path = shutil.which(name) or shutil.which(name, path="/usr/bin:/bin:/usr/sbin:/sbin")
    if not path:
        raise SandboxError(f"`{name}` is not installed" + (" (package bubblewrap)" if name == "bwrap" else ""))
    return path


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def sweep_stale():
    """Remove sandbox folders and cgroups left behind by graders that were killed."""
    def dead(name):
        match = re.match(re.escape(PREFIX) + r"(\d+)-", name)
        return bool(match) and not _alive(int(match.group(1)))
    for folder in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        if dead(folder.name):
            shutil.rmtree(folder, ignore_errors=True)
    layout = cgroup_layout()
    for mount in set(layout[1].values()) if layout else ():
        base = mount / CGROUP_DIR
        for folder in base.iterdir() if base.is_dir() else ():
            if folder.is_dir() and dead(folder.name):
                Cgroup(layout[0], {"": folder}).remove()


_PROBE = '''
import os, socket, sys
problems = []
if {root} and os.getuid() != {uid}:
    problems.append("runs as uid %d, not {uid}" % os.getuid())
try:
    socket.create_connection(("1.1.1.1", 53), timeout=2).close()
    problems.append("the network is reachable")
except OSError:
    pass
if os.path.exists({hidden!r}):
    problems.append("the grader's own package is visible")
if {no_userns}:
    import ctypes
    if ctypes.CDLL(None, use_errno=True).unshare(0x10000000) == 0:
        problems.append("a user namespace could be made")
import ipykernel, coursekit
print("; ".join(problems) or "ok")
'''


def preflight(limits: Limits = Limits()):
    """Check once, before a batch, that kernels can run sandboxed with ``limits``: the tools,
    the cgroup (created with its caps, then removed), and a real sandboxed interpreter (its uid,
    no network, the grader not visible, ipykernel and coursekit importable).  Return a one-line
    description; raise :class:`SandboxError` saying what is missing."""
    _tool("bwrap")
    if os.geteuid() == 0:
        _tool("setpriv")
    sweep_stale()
    with Sandbox(limits) as box:
        started = time.monotonic()
        bare = subprocess.run(box.command(["/bin/true"]), env=box.env(), capture_output=True, text=True)
        startup = time.monotonic() - started
        probe = _PROBE.format(root=os.geteuid() == 0, uid=SANDBOX_UID, hidden=str(Path(__file__).parent),
                              no_userns=NO_USERNS)
        proc = subprocess.run(box.command([sys.executable, "-c", probe]), env=box.env(),
                              capture_output=True, text=True, timeout=120)
        if bare.returncode != 0 or proc.returncode != 0 or proc.stdout.strip() != "ok":
            detail = (proc.stdout + proc.stderr + bare.stderr).strip().splitlines()
            raise SandboxError("a test kernel could not start in the sandbox: "
                               + (detail[-1] if detail else f"exit code {proc.returncode}"))
        caps = f"cgroup {box.cgroup.version} ({', '.join(sorted(box.cgroup.folders))})" if box.cgroup \
            else "rlimits (no usable cgroup)"
    return (f"sandbox: bwrap, uid {SANDBOX_UID}, no network, "
            f"{'no user namespaces (seccomp), ' if NO_USERNS else ''}{caps}; memory {limits.memory_mb} MiB, "
            f"{limits.pids} processes, {limits.cpus:g} CPUs, {limits.cpu_seconds} CPU s; "
            f"start-up {startup * 1000:.0f} ms")


# ----------------------------------------------------------------------------- Jupyter / nbgrader

class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run in a :class:`Sandbox` (async: a sync manager
    deadlocks nbclient on a cell timeout).  Caps are configurable:
    ``c.SandboxedKernelManager.memory_mb`` (0 = no cap), ``.pids``, ``.cpu_seconds``, ``.cpus``."""

    memory_mb = Integer(MEMORY_MB, help="memory of the kernel and its children, MiB (0: no cap)").tag(config=True)
    pids = Integer(PIDS, help="processes + threads of the kernel and its children").tag(config=True)
    cpu_seconds = Integer(CPU_SECONDS, help="CPU seconds of the kernel process").tag(config=True)
    cpus = Float(CPUS, help="CPU cores the kernel may use at once (0: no quota)").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport = "ipc"     # Unix sockets in the runtime folder: TCP cannot cross the netns
        self._sandbox = None

    @property
    def kernel_spec(self):
        spec = super().kernel_spec
        if spec is not None:
            spec.interrupt_mode = "message"   # SIGINT never reaches a kernel inside bwrap
        return spec

    async def _async_pre_start_kernel(self, **kw):
        if self._sandbox is None:   # once per manager; a restart reuses it
            limits = Limits(self.memory_mb, self.pids, self.cpu_seconds, self.cpus)
            self._sandbox = Sandbox(limits, workdir=kw.get("cwd"))
            self.connection_file = str(self._sandbox.run_dir / "kernel.json")
            self.ip = str(self._sandbox.run_dir / "kernel-ipc")
        cmd, kw = await super()._async_pre_start_kernel(**kw)
        self._sandbox.give(self.connection_file)
        kw["env"] = self._sandbox.env(kw.get("env"))
        kw["stdout"], kw["stderr"] = subprocess.PIPE, subprocess.STDOUT
        return self._sandbox.command(cmd), kw

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        await super()._async_launch_kernel(kernel_cmd, **kw)
        self._sandbox.relay(self.provisioner.process.stdout)

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if self._sandbox is not None:
            self._sandbox.kill()          # daemons the kernel left behind die with it
            if not restart:
                self._sandbox.close()
                self._sandbox = None


class SandboxedExecute(Execute):
    """nbgrader's Execute with :class:`SandboxedKernelManager` kernels.  Execute passes its own
    ``kernel_manager_class`` to the constructor, which beats config: hence this subclass."""

    sandbox = Bool(True, help="run kernels sandboxed (False: nbgrader's own manager)").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.sandbox:
            self.kernel_manager_class = SandboxedKernelManager


def kernel_manager_class(sandbox=True):
    """The kernel manager class for a NotebookClient: sandboxed, or jupyter's own."""
    return SandboxedKernelManager if sandbox else AsyncKernelManager


def use_sandbox(c, **caps):
    """In an nbgrader config ``c``: autograde with :class:`SandboxedExecute` instead of
    ``Execute``, with ``caps`` (SandboxedKernelManager traits).  Raises SandboxError when there
    is no Execute preprocessor to replace (then nothing would be sandboxed)."""
    from nbgrader.converters import Autograde
    section = c.Autograde
    current = list(section.autograde_preprocessors if "autograde_preprocessors" in section
                   else Autograde.autograde_preprocessors.default_value)
    if Execute not in current:
        raise SandboxError("the autograde preprocessors have no nbgrader Execute step to sandbox")
    section.autograde_preprocessors = [SandboxedExecute if p is Execute else p for p in current]
    for name, value in caps.items():
        setattr(c.SandboxedKernelManager, name, value)
