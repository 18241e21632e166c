"""Grading jobs and executors with real parts: the toy course's bundle, real nbgrader and
sandboxed kernels, a real Dask ``LocalCluster`` (2 worker processes) started here, and one of its
workers killed mid-batch.

"Unreadable" as root: root reads any file whatever its mode, so ``chmod 000`` proves nothing.
The unreadable notebook here is a regular file (``lstat`` says so) onto which
``/proc/self/mem`` of a process that has exited is bind-mounted: every ``read`` raises
(``ProcessLookupError``), for root too.  Where bind mounts are not allowed, the student gets a
folder named ``toy.ipynb`` instead (also not readable as a notebook), and the test says so.
"""
import csv
import logging
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import dask
import nbformat
import pytest

from autograder import samples
from autograder.bundle import GradingLimits, build_bundle, load_bundle, pack, unpack
from autograder.course import Course, CourseError
from autograder.executors import DaskExecutor, LocalExecutor
from autograder.grade import grade
from autograder.gradebook import course_gradebook
from autograder.manifest import load_manifest
from autograder.job import GradingJob, job_from_folder, run_job
from autograder.notebook import nbgrader_meta
from toy_course import ASSIGNMENT

MEMORY_CAP_MB = 1024
SLEEP_S = 10           # the sleeper's solution cell: long enough to kill its worker mid-job
BUGGY_SQUARE = "def square(x):\n    return x * abs(x)"

#: student: (score, status, reason fragment or None, note fragment or None)
EXPECTED = {
    "a_sleeper": (3, "graded", None, None),
    "honest_1": (3, "graded", None, None),
    "honest_2": (3, "graded", None, None),
    "buggy": (1, "graded", None, None),
    "fifo": (3, "graded", None, "a named pipe (FIFO), ignored"),
    "folder_notebook": (0, "failed", "toy.ipynb is a folder, not a notebook file", None),
    "unreadable": (0, "failed", "toy.ipynb ", None),     # the reason depends on the mount: see below
    "huge": (0, "failed", "submission is 1024 MiB, over the 50 MiB limit", None),
}


def _reference(course, folder):
    return samples.write_submission(course, ASSIGNMENT, "reference", folder)


def _edit(folder, grade_id, source):
    path = folder / "toy.ipynb"
    nb = nbformat.read(path, as_version=4)
    next(c for c in nb.cells if nbgrader_meta(c).get("grade_id") == grade_id).source = source
    nbformat.write(nb, path)


def _unreadable_file(path: Path):
    """Make ``path`` a regular file whose every read fails, even for root; True when done."""
    path.write_text("{}")
    # /proc/self/mem of the mount process itself, which exits right after
    proc = subprocess.run(["mount", "--bind", "/proc/self/mem", str(path)], capture_output=True)
    if proc.returncode != 0:
        path.unlink()
        path.mkdir()            # fallback: a folder named like the notebook
        return False
    return True


@pytest.fixture(scope="module")
def klass(toy_course, tmp_path_factory):
    """A small class of honest and odd students, ready to grade; mounts undone afterwards."""
    subs = tmp_path_factory.mktemp("jobs") / "submitted"
    folder = lambda student: subs / student / ASSIGNMENT  # noqa: E731
    for student in ("a_sleeper", "honest_1", "honest_2", "buggy", "fifo", "huge"):
        _reference(toy_course, folder(student))
    _edit(folder("a_sleeper"), "double", f"import time\ntime.sleep({SLEEP_S})\n"
                                         "def double(x):\n    return 2 * x")
    _edit(folder("buggy"), "square", BUGGY_SQUARE)
    os.mkfifo(folder("fifo") / "pipe")
    subprocess.run(["truncate", "-s", "1G", str(folder("huge") / "weights.bin")], check=True)
    (folder("folder_notebook") / "toy.ipynb").mkdir(parents=True)
    folder("unreadable").mkdir(parents=True)
    mounted = _unreadable_file(folder("unreadable") / "toy.ipynb")
    yield {"subs": subs, "mounted": mounted, "db": subs.parent / "gradebook.db"}
    if mounted:
        subprocess.run(["umount", str(folder("unreadable") / "toy.ipynb")], check=True)


def _check_class(results, out, mounted):
    by_student = {r.student: r for r in results}
    assert set(by_student) == set(EXPECTED)
    for student, (score, status, reason, note) in EXPECTED.items():
        r = by_student[student]
        assert (r.score, r.status) == (score, status), (student, r.reason, r.log[-2000:])
        if reason:
            assert reason in r.reason, (student, r.reason)
        else:
            assert not r.reason, (student, r.reason)
        if note:
            assert any(note in n for n in r.notes), (student, r.notes)
    unreadable = by_student["unreadable"].reason
    assert ("could not be read (ProcessLookupError" in unreadable) if mounted else ("is a folder" in unreadable)
    with open(out / "grades.csv") as f:
        rows = {row["student"]: row for row in csv.DictReader(f)}
    assert {s: float(row["score"]) for s, row in rows.items()} == {s: float(e[0]) for s, e in EXPECTED.items()}
    for student in EXPECTED:
        assert (out / "feedback" / student / ASSIGNMENT / "toy.html").exists(), student
    return by_student


def _gradebook_totals(course, db):
    with course_gradebook(course, db).open() as gb:
        return {s.student.id: s.score for s in gb.assignment_submissions(ASSIGNMENT)}


def _grader_processes(worker_pids, student="a_sleeper"):
    """``{nbgrader pid: worker pid}`` of the steps runners grading ``student`` under a worker
    (any process but this one when ``worker_pids`` is None: workers restart with new pids)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            cwd = os.readlink(entry / "cwd")
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        under_worker = ppid in worker_pids if worker_pids is not None else ppid != os.getpid()
        if b"autograder.run_nbgrader_steps" in cmdline and f"grade-{student}-" in cwd and under_worker:
            found[int(entry.name)] = ppid
    return found


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class _Killer(threading.Thread):
    """Kills the Dask worker grading ``student`` while its cell sleeps, on each of its first
    ``times`` attempts (``worker_pids``: the workers to watch; None: any worker, restarted ones too)."""

    def __init__(self, worker_pids, student="a_sleeper", times=1):
        super().__init__(daemon=True)
        self.worker_pids = set(worker_pids) if worker_pids is not None else None
        self.student, self.times = student, times
        self.kills, self.killed, self.grader, self.grader_survived = 0, None, None, None

    def run(self):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.kills < self.times:
            found = _grader_processes(self.worker_pids, self.student)
            if found:
                self.grader, worker = next(iter(found.items()))
                time.sleep(2)          # nbgrader is up, the kernel is in its sleep
                os.kill(worker, signal.SIGKILL)
                self.killed, self.kills = worker, self.kills + 1
                # the sleeper's cell still sleeps for seconds: a survivor would be an orphan
                gone = time.monotonic() + 3
                while _alive(self.grader) and time.monotonic() < gone:
                    time.sleep(0.1)
                self.grader_survived = _alive(self.grader)
                continue
            time.sleep(0.2)


@pytest.fixture(scope="module")
def dask_run(toy_course, klass):
    from distributed import LocalCluster
    out = klass["subs"].parent / "out_dask"
    # the scheduler gives up on a task at the first worker death (default: after 3), so that the
    # executor's own bounded retry is what grades the sleeper again
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=logging.ERROR) as cluster, DaskExecutor(cluster, retries=1) as executor:
        worker_pids = executor.client.run(os.getpid).values()
        killer = _Killer(worker_pids)
        killer.start()
        logs = []
        results = grade(toy_course, klass["subs"], out, db_path=klass["db"], executor=executor,
                        cell_timeout=60, memory_mb=MEMORY_CAP_MB, log=logs.append)
        killer.join(5)
    return {"results": results, "out": out, "killer": killer, "logs": logs}


def test_dask_grades_every_student_through_odd_files_and_a_killed_worker(toy_course, klass, dask_run):
    by_student = _check_class(dask_run["results"], dask_run["out"], klass["mounted"])
    killer = dask_run["killer"]
    assert killer.killed, "the sleeper's worker was never found running it"
    # the sleeper was graded again, elsewhere, after its worker died
    assert by_student["a_sleeper"].worker and int(by_student["a_sleeper"].worker.split(":")[-1]) != killer.killed
    assert killer.grader_survived is False, "the killed worker's nbgrader outlived it"
    assert any(line.startswith("[") and "a_sleeper/toy: 3/3" in line and "(2 attempts)" in line
               for line in dask_run["logs"]), dask_run["logs"]
    assert any(line.startswith("2 Dask worker(s); sandbox: bwrap") for line in dask_run["logs"])
    assert _gradebook_totals(toy_course, klass["db"]) == {s: float(e[0]) for s, e in EXPECTED.items()}


def test_the_local_pool_gives_the_same_grades_and_a_regrade_doubles_nothing(toy_course, klass, dask_run):
    out = klass["subs"].parent / "out_local"
    results = grade(toy_course, klass["subs"], out, db_path=klass["db"], executor=LocalExecutor(2),
                    cell_timeout=60, memory_mb=MEMORY_CAP_MB, log=lambda *_: None)
    local = _check_class(results, out, klass["mounted"])
    remote = {r.student: r for r in dask_run["results"]}
    assert {s: (r.scores, r.status) for s, r in local.items()} == \
        {s: (r.scores, r.status) for s, r in remote.items()}
    # every submission merged twice into the same gradebook: set, never added
    assert _gradebook_totals(toy_course, klass["db"]) == {s: float(e[0]) for s, e in EXPECTED.items()}


def test_a_job_whose_worker_dies_on_every_attempt_is_a_zero_with_a_reason(toy_course, tmp_path):
    """The end of the retry path: the doomed student's worker is killed on every attempt (the
    scheduler gives up at once, the executor resubmits once), so after 2 attempts the job is a
    failed result saying why; the batch ends and the other student keeps full marks."""
    from distributed import LocalCluster
    subs = tmp_path / "submitted"
    for student in ("doomed", "honest"):
        _reference(toy_course, subs / student / ASSIGNMENT)
    _edit(subs / "doomed" / ASSIGNMENT, "double", f"import time\ntime.sleep({SLEEP_S})\n"
                                                  "def double(x):\n    return 2 * x")
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                         silence_logs=logging.ERROR) as cluster, DaskExecutor(cluster, retries=1) as executor:
        killer = _Killer(None, student="doomed", times=2)
        killer.start()
        results = grade(toy_course, subs, tmp_path / "out", db_path=tmp_path / "gradebook.db", executor=executor,
                        cell_timeout=60, memory_mb=MEMORY_CAP_MB, log=lambda *_: None)
        killer.join(5)
    by_student = {r.student: r for r in results}
    assert killer.kills == 2 and killer.grader_survived is False
    assert (by_student["honest"].score, by_student["honest"].status) == (3, "graded")
    doomed = by_student["doomed"]
    assert (doomed.score, doomed.status) == (0, "failed")
    assert doomed.reason.startswith("grading never finished: KilledWorker") and "(after 2 attempt(s))" in doomed.reason
    with open(tmp_path / "out" / "grades.csv") as f:
        row = next(r for r in csv.DictReader(f) if r["student"] == "doomed")
    assert float(row["score"]) == 0 and "grading never finished" in row["reason"]
    assert _gradebook_totals(toy_course, tmp_path / "gradebook.db") == {"doomed": 0.0, "honest": 3.0}


# ----------------------------------------------------------------------------- cheap, no grading

def test_reading_a_folder_never_blocks_nor_raises(toy_course, tmp_path):
    folder = _reference(toy_course, tmp_path / "sub")
    os.mkfifo(folder / "pipe")
    (folder / "link.txt").symlink_to("/etc/passwd")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock"))
    (folder / "data").mkdir()
    (folder / "data" / "x.csv").write_text("1,2\n")
    box = {}
    reader = threading.Thread(target=lambda: box.update(job=job_from_folder(folder, "s", ASSIGNMENT, b"")),
                              daemon=True)
    reader.start()
    reader.join(20)
    assert "job" in box, "reading the folder blocked (a FIFO opened for reading?)"
    job = box["job"]
    assert sorted(job.files) == ["data/x.csv", "toy.ipynb"] and not job.reason
    assert sorted(job.unread) == ["link.txt", "pipe", "sock"]
    assert job_from_folder(tmp_path / "absent", "s", ASSIGNMENT, b"").reason.startswith("the submission folder")
    assert "over the 0 MiB limit" in job_from_folder(folder, "s", ASSIGNMENT, b"", max_bytes=10).reason


def test_run_job_turns_a_broken_bundle_into_a_failed_result():
    outcome = run_job(GradingJob(b"not a tar", "s", ASSIGNMENT))
    assert outcome.result.status == "failed" and "grading crashed" in outcome.result.reason


def test_the_bundle_is_self_contained_and_packs_by_value(toy_course, tmp_path):
    bundle = load_bundle(toy_course, ASSIGNMENT)
    config = bundle.config.read_text()
    assert "load_subconfig" not in config and str(toy_course.root) not in config and "/work" not in config
    assert "from autograder.nbgrader_ext import ApplyVerdict" in config
    assert sorted(p.name for p in bundle.data_dir.iterdir()) == ["data.txt"]
    data = pack(bundle)
    assert data == pack(bundle)                    # same bundle, same bytes
    copy = unpack(data, tmp_path / "copy")
    assert copy.missing() == [] and copy.limits() == bundle.limits()


def test_limits_come_from_the_manifest(toy_course, tmp_path):
    import shutil
    course = Course(tmp_path / "course")
    shutil.copytree(toy_course.root, course.root)
    manifest = course.source_dir / ASSIGNMENT / "manifest.toml"
    manifest.write_text("[limits]\ntimeout_s = 120\ncell_timeout_s = 20\nmemory_mb = 2048\n")
    assert build_bundle(course, ASSIGNMENT).limits() == GradingLimits(120, 20, 2048)
    assert "manifest.toml" not in [p.name for p in (course.bundles_dir / ASSIGNMENT / "data").iterdir()]
    manifest.write_text("[limits]\ntimeout = 120\n")
    with pytest.raises(CourseError, match="unknown key"):
        load_manifest(course, ASSIGNMENT)
    manifest.write_text("timeout_s = 120\n")   # a limit outside [limits]
    with pytest.raises(CourseError, match=r"unknown key\(s\) timeout_s.*under \[limits\]"):
        load_manifest(course, ASSIGNMENT)
