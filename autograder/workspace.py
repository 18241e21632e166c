"""Stage 3: grade ONE submission, alone, in a folder of its own, from a bundle and its files.

A workspace is a throw-away nbgrader course, laid out from the assignment's grading bundle
(:mod:`autograder.bundle`) and the submission's bytes::

    <workdir>/nbgrader_config.py      the bundle's rendered config, rooted here
    <workdir>/gradebook.db            the bundle's student-free gradebook template
    <workdir>/bundles/<assignment>/expected.json   what ApplyVerdict judges against
    <workdir>/bundles/<assignment>/trusted.py      what InlineTrusted inlines (when the bundle has it)
    <workdir>/source/<assignment>/    the release's data files (no notebook, no solution)
    <workdir>/submitted/<student>/<assignment>/   the submission's files
    <workdir>/autograded/..., feedback/...        what nbgrader writes

Nothing outside the workspace is read or written, so workspaces run side by side, on any
machine; :func:`autograder.gradebook.merge` folds the result into the course gradebook
afterwards.  Every way a submission can be broken ends in a :class:`SubmissionResult` with a
reason, never in an exception.
"""
import json
import re
import shutil
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

import nbformat

from .bundle import Bundle, GradingLimits
from .course import run_nbgrader
from .gradebook import notebook_max_scores, read_scores
from .notebook import nbgrader_meta

#: Largest submission (all its files together, bytes); bigger ones are refused unread.
MAX_SUBMISSION_BYTES = 50 * 2**20


@dataclass
class SubmissionResult:
    student: str
    assignment: str
    status: str = "graded"               # "graded" or "failed" (then every score is 0)
    reason: str = ""                     # for the instructor: why points are missing
    scores: dict = field(default_factory=dict)        # {notebook: {test cell: points}}
    max_scores: dict = field(default_factory=dict)    # {notebook: {test cell: max points}}
    notebook_reasons: dict = field(default_factory=dict)  # {notebook: reason}
    notes: list = field(default_factory=list)             # oddities that cost nothing
    messages: dict = field(default_factory=dict)  # {notebook: {test cell: the verdict's words}}
    seconds: float = 0.0                 # the whole workspace: set-up, autograde, feedback
    autograde_seconds: float = 0.0       # ``nbgrader autograde`` alone
    log: str = ""
    worker: str = ""                     # host:pid that graded it (autograder.job)

    @property
    def score(self):
        return sum(v or 0.0 for cells in self.scores.values() for v in cells.values())

    @property
    def max_score(self):
        return sum(v for cells in self.max_scores.values() for v in cells.values())

    def to_json(self):
        data = asdict(self)
        data.update(score=self.score, max_score=self.max_score)
        return json.dumps(data, indent=1)


_WORKSPACE_CONFIG = '''
# Added by autograder.workspace: this workspace's own folders and the submission's limits.
c.CourseDirectory.root = {root!r}
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.db_url = "sqlite:///{root}/gradebook.db"
c.Execute.timeout = {cell_timeout}
{sandbox}'''

#: Added to a workspace's config unless grading with ``sandbox=False``: autograde's kernels run
#: in a sandbox (:mod:`autograder.sandbox`), CPU time capped at twice the grading timeout.
_SANDBOX_CONFIG = '''from autograder.sandbox import use_sandbox
use_sandbox(c, {caps})
'''


def grade_submission(bundle: Bundle, student: str, assignment: str, files: dict, workdir: Path, *,
                     limits: GradingLimits = None, sandbox=True, notes=(), unread=None):
    """Autograde the submission ``files`` (``{relative posix path: bytes}``) as ``student``'s
    ``assignment``, in ``workdir`` (made afresh), with the bundle's limits or ``limits``.

    ``notes`` are oddities already found (kept in the result); ``unread`` maps the paths of
    files that could not be read to why, so that a missing notebook gets the right reason.
    ``sandbox=False`` runs the kernel unconfined (only its data memory capped).

    Returns a :class:`SubmissionResult`; the autograded notebooks and the feedback HTML are
    left in ``workdir/autograded`` and ``workdir/feedback``.
    """
    started = time.monotonic()
    limits = limits or bundle.limits()
    result = SubmissionResult(student, assignment, notes=list(notes))
    result.max_scores = notebook_max_scores(bundle.gradebook, assignment)
    workdir = Path(workdir)
    try:
        _prepare(bundle, files, unread or {}, student, assignment, workdir, limits, sandbox, result)
        if result.status != "failed":
            _autograde(workdir, student, assignment, limits.timeout_s, limits.memory_mb, result)
    finally:
        result.seconds = round(time.monotonic() - started, 2)
        if result.status == "failed":
            zero_scores(result)
        if workdir.is_dir():
            (workdir / "result.json").write_text(result.to_json())
    return result


def _config(bundle, workdir, limits, sandbox):
    """The workspace's nbgrader_config.py: the bundle's, then this workspace's own lines."""
    caps = {"memory_mb": limits.memory_mb, "cpu_seconds": 2 * limits.timeout_s}
    caps.update({k: getattr(limits, k) for k in ("pids", "cpus") if getattr(limits, k)})
    sandbox_lines = _SANDBOX_CONFIG.format(caps=", ".join(f"{k}={v!r}" for k, v in caps.items())) if sandbox else ""
    return bundle.config.read_text() + _WORKSPACE_CONFIG.format(
        root=str(workdir), cell_timeout=limits.cell_timeout_s, sandbox=sandbox_lines)


def _prepare(bundle, files, unread, student, assignment, workdir, limits, sandbox, result):
    """Lay out the workspace; record missing, renamed or unreadable notebooks as reasons."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    (workdir / "nbgrader_config.py").write_text(_config(bundle, workdir, limits, sandbox))
    shutil.copyfile(bundle.gradebook, workdir / "gradebook.db")
    expected = workdir / "bundles" / assignment / "expected.json"   # read by ApplyVerdict
    expected.parent.mkdir(parents=True)
    shutil.copyfile(bundle.expected, expected)
    if bundle.trusted.exists():   # read by InlineTrusted; outside the kernel's sandbox, as expected.json
        shutil.copyfile(bundle.trusted, expected.parent / "trusted.py")
    shutil.copytree(bundle.data_dir, workdir / "source" / assignment)

    target = workdir / "submitted" / student / assignment
    target.mkdir(parents=True)
    for name, data in sorted(files.items()):
        rel = PurePosixPath(name)
        if rel.is_absolute() or not rel.parts or ".." in rel.parts or ".ipynb_checkpoints" in rel.parts:
            result.notes.append(f"{name}: not a path inside the submission, ignored")
            continue
        try:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).write_bytes(data)
        except OSError as exc:   # "a" and "a/b" both given, and the like
            result.notes.append(f"{name}: could not be written ({exc.strerror}), ignored")

    expected = set(result.max_scores)
    found = {p.stem for p in target.glob("*.ipynb") if p.is_file()}
    for name in sorted(expected - found):
        others = sorted(found - expected)
        problem = unread.get(f"{name}.ipynb")
        hint = f" (found {', '.join(o + '.ipynb' for o in others)}: was it renamed?)" if others else ""
        result.notebook_reasons[name] = f"{name}.ipynb {problem}" if problem else f"{name}.ipynb is missing{hint}"
    for name in sorted(expected & found):
        problem = _unreadable(target / f"{name}.ipynb")
        if problem:
            # nbgrader would abort the whole assignment on it: grade the rest, this one is 0
            (target / f"{name}.ipynb").unlink()
            result.notebook_reasons[name] = f"{name}.ipynb {problem}"
        else:
            result.notes += _drop_duplicate_ids(target / f"{name}.ipynb")
    if result.notebook_reasons and not (expected & {p.stem for p in target.glob("*.ipynb")}):
        fail(result, "; ".join(result.notebook_reasons.values()))


def _drop_duplicate_ids(path):
    """Keep only the last cell of each nbgrader grade_id (what nbgrader's DeduplicateIds
    means to do, but its half-emptied metadata crashes autograde); return notes."""
    nb = nbformat.read(path, as_version=4)
    seen, notes = set(), []
    for cell in reversed(nb.cells):
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id is None:
            continue
        if grade_id in seen:
            del cell.metadata["nbgrader"]
            notes.append(f"{path.stem}.ipynb: cell {grade_id} appears twice; only the last copy counts")
        seen.add(grade_id)
    if notes:
        nbformat.write(nb, path)
    return notes


def _unreadable(path):
    """Why a notebook file cannot be graded, or None."""
    try:
        nb = nbformat.read(path, as_version=4)
    except UnicodeDecodeError:
        return "is not UTF-8 text"
    except (json.JSONDecodeError, nbformat.reader.NotJSONError) as exc:
        return f"is not valid notebook JSON ({str(exc).splitlines()[0][:120]})"
    except Exception as exc:  # any other reader failure: bad nbformat version, truncated file...
        return f"could not be read as a notebook ({type(exc).__name__}: {str(exc)[:120]})"
    if not isinstance(nb.get("cells"), list):
        return "has no cell list"
    return None


def _autograde(workdir, student, assignment, timeout, memory_mb, result):
    """Run nbgrader autograde then generate_feedback in the workspace; read the scores."""
    steps = [[command, assignment, "--student", student, "--force"]
             for command in ("autograde", "generate_feedback")]
    try:
        proc = run_nbgrader(None, workdir, steps=steps, timeout=timeout, memory_mb=memory_mb)
    except subprocess.TimeoutExpired:
        return fail(result, f"grading took longer than {timeout} s (an endless loop?)")
    result.log = proc.stdout[-20000:]
    took = re.search(r"^\[autograder\] autograde took ([0-9.]+) s", proc.stdout, re.M)
    result.autograde_seconds = float(took.group(1)) if took else 0.0
    scores = read_scores(workdir / "gradebook.db", assignment, student)
    if not took or not scores:
        return fail(result, "nbgrader could not autograde this submission: " + _last_error(proc.stdout))
    result.scores = scores
    result.messages = _verdict_messages(workdir / "autograded" / student / assignment, scores)
    if proc.returncode != 0:
        result.reason = "graded, but no feedback could be generated: " + _last_error(proc.stdout)
    for notebook, reason in result.notebook_reasons.items():
        result.scores[notebook] = {cell: 0.0 for cell in result.max_scores[notebook]}
    if result.notebook_reasons:
        result.reason = "; ".join(filter(None, [*result.notebook_reasons.values(), result.reason]))


def _verdict_messages(folder, scores):
    """What the verdict said of each test cell (ApplyVerdict wrote it into the autograded
    notebook, in nbgrader's process; the kernel never touches that file)."""
    from .nbgrader_ext import FAILED
    messages = {}
    for notebook in scores:
        path = folder / f"{notebook}.ipynb"
        if not path.is_file():
            continue
        for cell in nbformat.read(path, as_version=4).cells:
            grade_id = nbgrader_meta(cell).get("grade_id")
            if grade_id in scores[notebook] and cell.cell_type == "code" and not nbgrader_meta(cell).get("solution"):
                out = next(iter(cell.get("outputs", [])), {})
                text = out.get("evalue") if out.get("ename") == FAILED else out.get("text", "")
                messages.setdefault(notebook, {})[grade_id] = str(text or "").strip()
    return messages


def fail(result, reason):
    """Mark ``result`` failed with ``reason`` (each notebook without a reason of its own gets it)."""
    result.status = "failed"
    result.reason = reason
    for notebook in result.max_scores:
        result.notebook_reasons.setdefault(notebook, reason)


def zero_scores(result):
    """Every test cell of a failed result scores 0."""
    result.scores = {nb: {cell: 0.0 for cell in cells} for nb, cells in result.max_scores.items()}


def _last_error(log):
    lines = [l for l in log.splitlines() if "[ERROR]" in l or "Error" in l]
    return (lines[-1] if lines else log.strip().splitlines()[-1] if log.strip() else "no output")[:300]
