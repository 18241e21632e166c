"""A grading job as a value: bundle + student + assignment + the submission's bytes, in; the
result, the autograded notebooks and the feedback pages, out.  Runs anywhere the
``autograder`` package is installed (a thread here, a Dask worker elsewhere).

Two halves:

- :func:`job_from_folder` (on the host) reads a submission folder into a job: regular files
  only, never following a link, never opening a FIFO, socket or device (opening a FIFO for
  reading blocks); what cannot be read becomes a note, a submission over
  :data:`~autograder.workspace.MAX_SUBMISSION_BYTES` a reason, checked before reading.
- :func:`run_job` (on the worker) rebuilds the workspace in a temp folder and grades it.

Neither raises: every failure ends in a graded-zero :class:`SubmissionResult` with a reason.
"""
import dataclasses
import os
import re
import shutil
import socket
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .bundle import GradingLimits, unpack
from .gradebook import notebook_max_scores
from .workspace import MAX_SUBMISSION_BYTES, SubmissionResult, fail, grade_submission, zero_scores

_KINDS = {stat.S_ISFIFO: "a named pipe (FIFO)", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a device",
          stat.S_ISBLK: "a device", stat.S_ISLNK: "a link"}


@dataclass(frozen=True)
class GradingJob:
    """Everything a worker needs to grade one submission, by value."""
    bundle: bytes                  # :func:`autograder.bundle.pack` of the assignment's bundle
    student: str
    assignment: str
    files: dict = field(default_factory=dict)    # {relative posix path: bytes}
    notes: tuple = ()              # what reading the folder noticed (costs nothing)
    unread: dict = field(default_factory=dict)   # {relative path: why it could not be read}
    reason: str = ""               # set when the submission cannot be graded at all
    limits: GradingLimits = None   # None: the bundle's own
    sandbox: bool = True
    workdir: str = ""              # keep the workspace there (debugging); "": a temp folder

    @property
    def key(self):
        return f"{self.student}/{self.assignment}"


@dataclass
class JobResult:
    """What a job hands back, by value."""
    result: SubmissionResult
    autograded: dict = field(default_factory=dict)   # {notebook: autograded .ipynb bytes}
    feedback: dict = field(default_factory=dict)     # {notebook: feedback .html bytes}
    worker: str = ""               # host:pid that graded it
    attempts: int = 1              # runs started for it (more than 1: a worker died)


def job_from_folder(folder: Path, student: str, assignment: str, bundle: bytes, *,
                    max_bytes=MAX_SUBMISSION_BYTES, **options) -> GradingJob:
    """Read the submission ``folder`` into a :class:`GradingJob` (``options``: its other
    fields).  Never raises, never blocks on a special file."""
    files, notes, unread, reason = {}, [], {}, ""
    try:
        entries = list(_walk(Path(folder)))
    except OSError as exc:
        entries, reason = [], f"the submission folder could not be listed ({exc.strerror or exc})"
    total = sum(st.st_size for _, st in entries if stat.S_ISREG(st.st_mode))
    if total > max_bytes:
        reason = f"submission is {total / 2**20:.0f} MiB, over the {max_bytes // 2**20} MiB limit"
    for rel, st in entries if not reason else ():
        if stat.S_ISDIR(st.st_mode):
            if rel.endswith(".ipynb"):
                unread[rel] = "is a folder, not a notebook file"
                notes.append(f"{rel}/: a folder named like a notebook, not graded")
            continue
        kind = next((what for test, what in _KINDS.items() if test(st.st_mode)), None)
        if kind:
            unread[rel] = f"is {kind}, not a file"
            notes.append(f"{rel}: {kind}, ignored")
            continue
        try:
            files[rel] = _read_regular(Path(folder) / rel, max_bytes)
        except OSError as exc:
            why = f"could not be read ({type(exc).__name__}: {exc.strerror or exc})"
            unread[rel] = why
            notes.append(f"{rel}: {why}")
    return GradingJob(bundle, student, assignment, files=files, notes=tuple(notes), unread=unread,
                      reason=reason, **options)


def _walk(folder: Path, prefix=""):
    """``(relative path, lstat)`` of everything under ``folder``, links not followed, and not
    descending into checkpoints or folders named like notebooks."""
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name == ".ipynb_checkpoints":
            continue
        rel = prefix + entry.name
        st = entry.stat(follow_symlinks=False)
        yield rel, st
        if stat.S_ISDIR(st.st_mode) and not entry.name.endswith(".ipynb"):
            yield from _walk(Path(entry.path), rel + "/")


def _read_regular(path: Path, max_bytes):
    """The bytes of ``path`` if it is (still) a regular file: opened without following links
    and non-blocking (a FIFO swapped in after the listing cannot hang us)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "no longer a regular file")
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise OSError(0, f"over {max_bytes // 2**20} MiB")
    return data


def run_job(job: GradingJob, bundle: bytes = None) -> JobResult:
    """Grade ``job`` in a temp folder of this machine (``bundle``: the bundle bytes when they
    travel apart from the job).  Never raises: a crash is a failed result saying what."""
    tmp, max_scores = None, {}
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f"grade-{_safe(job.student)}-{_safe(job.assignment)}-"))
        unpacked = unpack(bundle or job.bundle, tmp / "bundle")
        max_scores = notebook_max_scores(unpacked.gradebook, job.assignment)
        if job.reason:
            return _done(failed_result(job, job.reason, max_scores))
        workdir = Path(job.workdir) if job.workdir else tmp / "workspace"
        result = grade_submission(unpacked, job.student, job.assignment, job.files, workdir,
                                  limits=job.limits, sandbox=job.sandbox, notes=job.notes, unread=job.unread)
        return _done(result, *_outputs(workdir, result))
    except Exception as exc:  # noqa: BLE001  (the contract: never raise)
        return _done(failed_result(job, f"grading crashed ({type(exc).__name__}: {str(exc)[:300]})", max_scores))
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _done(result, autograded=None, feedback=None):
    result.worker = worker_name()
    return JobResult(result, autograded or {}, feedback or {}, worker=result.worker)


def failed_result(job: GradingJob, reason: str, max_scores: dict) -> SubmissionResult:
    """A graded-zero result for ``job`` with ``reason``."""
    result = SubmissionResult(job.student, job.assignment, max_scores=dict(max_scores), notes=list(job.notes))
    fail(result, reason)
    zero_scores(result)
    return result


def with_attempts(job_result: JobResult, attempts: int) -> JobResult:
    return dataclasses.replace(job_result, attempts=attempts)


def _outputs(workdir: Path, result):
    """``({notebook: autograded bytes}, {notebook: feedback bytes})``: only the assignment's
    own notebooks, only regular files (whatever else a kernel left there stays there)."""
    found = ({}, {})
    for kind, suffix, into in (("autograded", ".ipynb", found[0]), ("feedback", ".html", found[1])):
        folder = workdir / kind / result.student / result.assignment
        for notebook in result.max_scores:
            path = folder / f"{notebook}{suffix}"
            if path.is_file() and not path.is_symlink():
                into[notebook] = path.read_bytes()
    return found


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}"


def _safe(name):
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:40]
