"""Hostile submissions through the real pipeline on the toy course: every grading kernel runs in
the sandbox of :mod:`autograder.sandbox`.

Each attack sits in the ``square`` solution cell, then defines a correct ``square``: a sandbox
that holds earns the student full marks (or a clear reason), and the host sees that the attack
did nothing (no connection accepted, no file written, no process left, caps held).  Proof comes
from grades and from what the host observes (/proc, files, sockets), never from what the kernel
prints.  ``AUTOGRADER_TEST_NO_SANDBOX=1`` runs the same tests with ``sandbox=False``: then they
fail, which shows they test the sandbox.
"""
import os
import signal
import socket
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from traitlets.config import Config

from autograder import sandbox, samples
from autograder.course import REPO_ROOT
from autograder.grade import grade
from autograder.bundle import load_bundle, pack
from autograder.job import job_from_folder, run_job
from toy_course import ASSIGNMENT

SANDBOX = os.environ.get("AUTOGRADER_TEST_NO_SANDBOX") != "1"
MEMORY_CAP_MB = 1024       # the toy kernel needs about 100 MiB
TOKEN = uuid.uuid4().hex[:10]
# markers in the command lines of the processes an attack starts, for the host to find them
# (also the seconds a marked `sleep` lasts: longer than any grading here)
MARK = {kind: f"{600 + i}.{int(TOKEN, 16) % 10**8:08d}" for i, kind in
        enumerate(("fork", "memory", "daemon", "exit", "killed"))}
SQUARE = "\ndef square(x):\n    return x * x\n"


def _marked(marker):
    """PIDs (and private resident KiB: what the memory cgroup charges) of host processes whose
    command line holds ``marker``."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/cmdline", "rb") as f:
                if marker.encode() not in f.read():
                    continue
            with open(f"/proc/{entry.name}/status") as f:
                rss = next((int(line.split()[1]) for line in f if line.startswith("RssAnon:")), 0)
        except OSError:
            continue
        found[int(entry.name)] = rss
    return found


class Watch(threading.Thread):
    """Samples /proc while grading runs: the most processes seen at once for each marker, and
    the most resident memory (MiB) they held together."""

    def __init__(self):
        super().__init__(daemon=True)
        self.most = {m: 0 for m in MARK.values()}
        self.rss_mb = {m: 0.0 for m in MARK.values()}
        self.done = threading.Event()

    def run(self):
        while not self.done.wait(0.1):
            for m in MARK.values():
                found = _marked(m)
                self.most[m] = max(self.most[m], len(found))
                self.rss_mb[m] = max(self.rss_mb[m], sum(found.values()) / 1024)


class Listener(threading.Thread):
    """A TCP (127.0.0.1) or Unix socket on the host that counts the connections it accepts."""

    def __init__(self, family, address):
        super().__init__(daemon=True)
        self.sock = socket.socket(family)
        self.sock.bind(address)
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.accepted = 0
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            try:
                self.sock.accept()[0].close()
                self.accepted += 1
            except socket.timeout:
                pass


def _submission(course, subs, student, square_cell):
    samples.write_submission(course, ASSIGNMENT, "reference", subs / student / ASSIGNMENT,
                             replacements={"square": square_cell})


def _kill_marked():
    for m in MARK.values():
        for pid in _marked(m):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.fixture(scope="module")
def attacked(toy_course, tmp_path_factory):
    """Grade a batch of attacks and one honest bystander; return what the host observed."""
    tmp = tmp_path_factory.mktemp("sandbox")
    subs, out = tmp / "submitted", tmp / "out"
    ws = lambda student: out / ".workspaces" / f"{student}__{ASSIGNMENT}"  # noqa: E731
    venv = Path(sys.prefix)

    # (i) graded first (names sort), so the attackers find its output files
    samples.write_submission(toy_course, ASSIGNMENT, "reference", subs / "a_honest" / ASSIGNMENT)

    # (a) network: TCP to a host port and a Unix socket of the host
    tcp = Listener(socket.AF_INET, ("127.0.0.1", 0))
    unix = Listener(socket.AF_UNIX, str(tmp / "host.sock"))
    _submission(toy_course, subs, "net", f'''import socket
for family, address in [(socket.AF_INET, ("127.0.0.1", {tcp.sock.getsockname()[1]})),
                        (socket.AF_UNIX, {str(tmp / "host.sock")!r})]:
    try:
        s = socket.socket(family)
        s.settimeout(3)
        s.connect(address)
        s.close()
    except OSError:
        pass''' + SQUARE)

    # (b) reading the course: square is right only if none of these is visible
    secrets = [toy_course.db_path, toy_course.source_dir / ASSIGNMENT / "toy.ipynb", toy_course.root / "bundles",
               REPO_ROOT / "autograder", REPO_ROOT / "assignments", out / "gradebook.db",
               out / ".workspaces" / "template.db", ws("peek") / "gradebook.db", "../../../gradebook.db", "/root"]
    _submission(toy_course, subs, "peek", f'''import os
_seen = [p for p in {[str(p) for p in secrets]!r} if os.path.exists(p)]
def square(x):
    return x * abs(x) if _seen else x * x''')

    # (c) writing outside its folder, into the bystander's results, and into its own folder
    targets = [ws("writer") / "pwned.txt", out / "pwned.txt", venv / f"pwned-{TOKEN}.txt",
               REPO_ROOT / f"pwned-{TOKEN}.txt", REPO_ROOT.parent / f"pwned-{TOKEN}.txt"]
    bystander = [out / "feedback" / "a_honest" / ASSIGNMENT / "toy.html",
                 out / "results" / "a_honest" / f"{ASSIGNMENT}.json",
                 out / "autograded" / "a_honest" / ASSIGNMENT / "toy.ipynb", ws("writer") / "gradebook.db"]
    _submission(toy_course, subs, "writer", f'''for p in {[str(p) for p in targets + bystander]!r}:
    try:
        with open(p, "a") as f:
            f.write("PWNED")
    except OSError:
        pass
open("injected.txt", "w").write("PWNED")''' + SQUARE)

    # (d) fork bomb, bounded: at most 1000 children, each killed right after
    _submission(toy_course, subs, "forkbomb", f'''import os, time
_kids, _refused = [], 0
while len(_kids) < 1000 and _refused < 50:
    try:
        pid = os.fork()
    except OSError:
        _refused += 1
        time.sleep(0.01)
        continue
    if pid == 0:
        try:
            os.execv("/bin/sleep", ["sleep", {MARK["fork"]!r}])
        finally:
            os._exit(1)
    _kids.append(pid)
time.sleep(1)
for pid in _kids:
    os.kill(pid, 9)
    os.waitpid(pid, 0)''' + SQUARE)

    # (e) memory: six processes of 400 MiB each, every one under the per-process data limit
    _submission(toy_course, subs, "memhog", f'''import subprocess, sys
_code = "import time; b = b'x' * (400 * 2**20); time.sleep(6)"
_kids = [subprocess.Popen([sys.executable, "-c", _code, {MARK["memory"]!r}]) for _ in range(6)]
_codes = [k.wait() for k in _kids]''' + SQUARE)

    # (f) a detached daemon (double fork, setsid) that later writes into the grader's folders
    daemon_targets = [out / "daemon-was-here", ws("daemon") / "daemon-was-here"]
    _submission(toy_course, subs, "daemon", f'''import os, sys
_code = """import sys, time
time.sleep(5)
for p in sys.argv[2:]:
    try:
        open(p, "w").write("daemon")
    except OSError:
        pass"""
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        _null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(_null, fd)
        os.execv(sys.executable, [sys.executable, "-c", _code, {MARK["daemon"]!r},
                                  *{[str(p) for p in daemon_targets]!r}])
    os._exit(0)
os.wait()''' + SQUARE)

    # (g) the kernel exits, leaving a detached child behind
    _submission(toy_course, subs, "exits", f'''import os, subprocess
subprocess.Popen(["/bin/sleep", {MARK["exit"]!r}], start_new_session=True, stdin=subprocess.DEVNULL,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os._exit(0)''')

    # (j) filling the disk: its working folder, then /tmp, past DISK_MB; square is right only if
    # both writes were refused
    _submission(toy_course, subs, "filler", f'''import os
def _fill(path, mib={sandbox.DISK_MB + 128}):
    chunk = b"x" * 2**20
    try:
        with open(path, "wb") as f:
            for _ in range(mib):
                f.write(chunk)
                f.flush()
        return True
    except OSError:
        return False
    finally:
        if os.path.exists(path):
            os.remove(path)
_written = [_fill("big.bin"), _fill("/tmp/big.bin"), _fill("/dev/shm/big.bin")]
def square(x):
    return x * x + (1 if any(_written) else 0)''')

    # (k) a user namespace of its own (all capabilities inside it), by syscall and by the tool;
    # square is right only if both were refused
    _submission(toy_course, subs, "userns", '''import ctypes, subprocess
_made = ctypes.CDLL(None, use_errno=True).unshare(0x10000000) == 0      # CLONE_NEWUSER
_made = subprocess.run(["/usr/bin/unshare", "--user", "--map-root-user", "true"]).returncode == 0 or _made
def square(x):
    return x * x + (1 if _made else 0)''')

    tcp.start()
    unix.start()
    watch = Watch()
    watch.start()
    logs = []
    try:
        results = grade(toy_course, subs, out, db_path=out / "gradebook.db", jobs=2, cell_timeout=30,
                        memory_mb=MEMORY_CAP_MB, keep_workspaces=True, sandbox=SANDBOX, log=logs.append)
        graded_at = time.monotonic()
        left = {kind: _marked(m) for kind, m in MARK.items()}   # right after grading
        time.sleep(max(0.0, graded_at + 7 - time.monotonic()))  # past the daemon's 5 s nap
        yield {"results": {r.student: r for r in results}, "out": out, "ws": ws, "logs": logs, "left": left,
               "watch": watch, "accepted": tcp.accepted + unix.accepted, "targets": targets,
               "bystander": bystander[:3], "daemon_targets": daemon_targets}
    finally:
        for thread in (watch, tcp, unix):
            thread.done.set()
        _kill_marked()
        for path in targets[2:]:
            Path(path).unlink(missing_ok=True)


def _full_marks(result):
    assert result.status == "graded" and result.scores["toy"] == {"test_double": 1, "test_square": 2}, \
        (result.reason, result.log[-3000:])


def test_the_batch_ran_sandboxed(attacked):
    assert any(line.startswith("sandbox: bwrap, uid 65534, no network, no user namespaces (seccomp)")
               for line in attacked["logs"])


def test_a_no_network(attacked):
    assert attacked["accepted"] == 0
    _full_marks(attacked["results"]["net"])


def test_b_the_course_is_not_visible(attacked):
    _full_marks(attacked["results"]["peek"])    # square is wrong if it saw any course file


def test_c_no_writes_outside_its_own_scratch_folder(attacked):
    for path in attacked["targets"]:
        assert not Path(path).exists(), path
    assert b"PWNED" not in (attacked["ws"]("writer") / "gradebook.db").read_bytes()
    for kind in ("submitted", "autograded"):   # its own folder: written to a copy, never read back
        folder = attacked["ws"]("writer") / kind / "writer" / ASSIGNMENT
        assert not (folder / "injected.txt").exists(), sorted(os.listdir(folder))
    _full_marks(attacked["results"]["writer"])


def test_d_a_fork_bomb_is_capped(attacked):
    most = attacked["watch"].most[MARK["fork"]]
    assert 20 < most <= sandbox.PIDS, most
    assert not attacked["left"]["fork"]
    _full_marks(attacked["results"]["forkbomb"])   # the kernel carried on after it


def test_e_memory_is_capped_across_processes(attacked):
    peak = attacked["watch"].rss_mb[MARK["memory"]]
    assert 300 < peak <= MEMORY_CAP_MB, peak
    result = attacked["results"]["memhog"]
    assert result.status == "graded" and result.scores["toy"]["test_double"] == 1 or result.reason, result.log[-2000:]


def test_f_a_detached_daemon_dies_with_its_kernel(attacked):
    assert not attacked["left"]["daemon"]
    for path in attacked["daemon_targets"]:
        assert not path.exists(), path
    _full_marks(attacked["results"]["daemon"])


def test_g_a_kernel_that_exits_is_graded_with_a_reason_and_leaves_nothing(attacked):
    result = attacked["results"]["exits"]
    assert result.status == "failed" and "could not autograde" in result.reason
    assert not attacked["left"]["exit"]


def test_j_writing_is_capped(attacked):
    _full_marks(attacked["results"]["filler"])    # square is wrong if any write went through


def test_k_no_user_namespace(attacked):
    _full_marks(attacked["results"]["userns"])    # square is wrong if either way made one


def test_i_the_honest_bystander_keeps_full_marks_and_clean_files(attacked):
    _full_marks(attacked["results"]["a_honest"])
    for path in attacked["bystander"]:
        assert b"PWNED" not in Path(path).read_bytes(), path
    assert len(attacked["results"]) == 10            # the batch went on past every attack


def test_h_killing_the_grader_kills_the_kernel_and_its_children(toy_course, tmp_path):
    """The nbgrader process dies mid-cell: the kernel and a detached child die with it."""
    bundle = load_bundle(toy_course, ASSIGNMENT)
    _submission(toy_course, tmp_path / "subs", "sleeper", f'''import subprocess, time
subprocess.Popen(["/bin/sleep", {MARK["killed"]!r}], start_new_session=True, stdin=subprocess.DEVNULL,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(120)''' + SQUARE)
    box = {}
    job = job_from_folder(tmp_path / "subs" / "sleeper" / ASSIGNMENT, "sleeper", ASSIGNMENT, pack(bundle),
                          limits=bundle.limits().override(timeout_s=300, memory_mb=MEMORY_CAP_MB),
                          sandbox=SANDBOX, workdir=str(tmp_path / "ws"))
    worker = threading.Thread(target=lambda: box.update(result=run_job(job).result), daemon=True)
    worker.start()
    try:
        deadline = time.monotonic() + 90
        while not _marked(MARK["killed"]) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _marked(MARK["killed"]), "the submission never started its child"
        graders = [pid for pid in _marked("autograder.run_nbgrader_steps")
                   if os.readlink(f"/proc/{pid}/cwd") == str(tmp_path / "ws")]
        assert len(graders) == 1
        os.kill(graders[0], signal.SIGKILL)
        deadline = time.monotonic() + 10
        while (_marked(MARK["killed"]) or _marked(f"{sandbox.PREFIX}{graders[0]}-")) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _marked(MARK["killed"]), "the student's detached child outlived the grader"
        assert not _marked(f"{sandbox.PREFIX}{graders[0]}-"), "the kernel outlived the grader"
        worker.join(30)
        assert box["result"].status == "failed" and box["result"].reason
        # what the dead grader left (its empty cgroup and folders) goes at the next preflight
        sandbox.sweep_stale()
        leftovers = list(Path("/tmp").glob(f"{sandbox.PREFIX}{graders[0]}-*"))
        layout = sandbox.cgroup_layout()
        for mount in set(layout[1].values()) if layout else ():
            leftovers += (mount / sandbox.CGROUP_DIR).glob(f"{sandbox.PREFIX}{graders[0]}-*")
        assert not leftovers
    finally:
        _kill_marked()


# ----------------------------------------------------------------------------- fail closed

def test_preflight_fails_closed_without_bwrap(monkeypatch):
    monkeypatch.setattr(sandbox.shutil, "which", lambda *a, **k: None)
    with pytest.raises(sandbox.SandboxError, match=r"`bwrap` is not installed.*--no-sandbox"):
        sandbox.preflight()


@pytest.fixture
def fake_cgroups(tmp_path, monkeypatch):
    """A /proc/self/mounts naming v1 memory and pids hierarchies that are plain folders: the
    controllers look present, but no limit can be set there."""
    for controller in ("memory", "pids"):
        (tmp_path / controller).mkdir()
    (tmp_path / "mounts").write_text("".join(
        f"cgroup {tmp_path / c} cgroup rw,nosuid,{c} 0 0\n" for c in ("memory", "pids")))
    monkeypatch.setattr(sandbox, "MOUNTS", tmp_path / "mounts")
    return tmp_path


@pytest.mark.skipif(os.geteuid() != 0, reason="cgroups are used as root only")
def test_preflight_fails_closed_when_a_cap_cannot_be_set(fake_cgroups):
    with pytest.raises(sandbox.SandboxError, match=r"cgroup v1 set-up failed.*memory.limit_in_bytes"):
        sandbox.preflight()
    assert not list((fake_cgroups / "memory" / sandbox.CGROUP_DIR).iterdir())   # nothing half made


@pytest.mark.skipif(os.geteuid() != 0, reason="cgroups are used as root only")
def test_a_stale_cgroup_is_never_reused(fake_cgroups):
    layout = sandbox.cgroup_layout()
    (fake_cgroups / "pids" / sandbox.CGROUP_DIR / "taken").mkdir(parents=True)
    with pytest.raises(sandbox.SandboxError, match="File exists"):
        sandbox.Cgroup.create(layout, sandbox.Limits(), "taken")


@pytest.mark.skipif(os.geteuid() != 0, reason="cgroups are used as root only")
def test_the_kernel_manager_fails_closed_too(fake_cgroups, tmp_path):
    from nbclient import NotebookClient
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    client = NotebookClient(nb, kernel_name="python3", kernel_manager_class=sandbox.SandboxedKernelManager,
                            resources={"metadata": {"path": str(tmp_path)}})
    with pytest.raises(sandbox.SandboxError):
        client.execute()


def test_use_sandbox_replaces_execute_or_refuses():
    from nbgrader.preprocessors import Execute, SaveAutoGrades
    c = Config()
    c.Autograde.autograde_preprocessors = [Execute, SaveAutoGrades]
    sandbox.use_sandbox(c, memory_mb=512)
    assert c.Autograde.autograde_preprocessors == [sandbox.SandboxedExecute, SaveAutoGrades]
    assert c.SandboxedKernelManager.memory_mb == 512
    c.Autograde.autograde_preprocessors = [SaveAutoGrades]
    with pytest.raises(sandbox.SandboxError, match="no nbgrader Execute step"):
        sandbox.use_sandbox(c)


def test_the_scratch_copy_skips_links_and_notebooks(tmp_path):
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "data.txt").write_text("data")
    (tmp_path / "nb" / "toy.ipynb").write_text("{}")
    (tmp_path / "nb" / "sub").mkdir()
    (tmp_path / "nb" / "sub" / "more.txt").write_text("more")
    (tmp_path / "nb" / "link").symlink_to("/etc/passwd")
    os.mkfifo(tmp_path / "nb" / "fifo")
    with sandbox.Sandbox(sandbox.Limits(), tmp_path / "nb") as box:
        copied = sorted(str(p.relative_to(box.scratch)) for p in box.scratch.rglob("*"))
        root = box.root
    assert copied == ["data.txt", "sub", "sub/more.txt"]
    assert not root.exists()
