"""Stage 3: grade ONE submission, alone, in a folder of its own.

A workspace is a throw-away nbgrader course::

    <workdir>/nbgrader_config.py      the course config, re-rooted here
    <workdir>/gradebook.db            student-free copy of the course gradebook (template)
    <workdir>/source/<assignment>/    the release's data files (no notebook, no solution)
    <workdir>/submitted/<student>/<assignment>/   a copy of the submission
    <workdir>/autograded/..., feedback/...        what nbgrader writes

Nothing outside the workspace is written, so workspaces can run side by side (and later in a
sandbox, each under its own user); :func:`autograder.gradebook.merge` folds the result into the
course gradebook afterwards.  Every way a submission can be broken ends in a
:class:`SubmissionResult` with a reason, never in an exception.
"""
import json
import re
import shutil
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

from .course import Course, run_nbgrader
from .gradebook import notebook_max_scores, read_scores
from .notebook import nbgrader_meta

#: Largest submission folder copied into a workspace (bytes); bigger ones are refused.
MAX_SUBMISSION_BYTES = 50 * 2**20
#: Data memory (MiB) a grading kernel may use.  The heaviest reference (A3's ResNet50) peaks at
#: 1.4 GiB on 2 cores; TensorFlow's per-thread stacks grow with the core count, hence the margin.
MEMORY_MB = 6144


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


_CONFIG = '''\
# Written by autograder.workspace: the course configuration, re-rooted in this workspace.
c = get_config()
load_subconfig({config!r})
c.CourseDirectory.root = {root!r}
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.db_url = "sqlite:///{root}/gradebook.db"
c.Execute.timeout = {cell_timeout}
{sandbox}'''

#: Added to a workspace's config unless grading with ``sandbox=False``: autograde's kernels run
#: in a sandbox (:mod:`autograder.sandbox`), CPU time capped at twice the grading timeout.
_SANDBOX_CONFIG = '''from autograder.sandbox import use_sandbox
use_sandbox(c, memory_mb={memory_mb}, cpu_seconds={cpu_seconds})
'''


def grade_submission(course: Course, template_db: Path, submission_dir: Path, student: str,
                     assignment: str, workdir: Path, *, timeout=900, cell_timeout=300,
                     memory_mb=MEMORY_MB, sandbox=True):
    """Autograde ``submission_dir`` (a folder of notebooks) as ``student``'s ``assignment``.

    ``timeout`` bounds the whole grading (s), ``cell_timeout`` each cell (s), ``memory_mb`` the
    data memory of the kernel (MiB, 0 = no cap).  ``sandbox=False`` runs the kernel unconfined
    (only its data memory capped).

    Returns a :class:`SubmissionResult`; the autograded notebooks and the feedback HTML are
    left in ``workdir/autograded`` and ``workdir/feedback``.
    """
    started = time.monotonic()
    result = SubmissionResult(student, assignment)
    result.max_scores = notebook_max_scores(template_db, assignment)
    try:
        sandbox_config = _SANDBOX_CONFIG.format(memory_mb=memory_mb, cpu_seconds=2 * timeout) if sandbox else ""
        _prepare(course, template_db, Path(submission_dir), student, assignment, Path(workdir),
                 cell_timeout, result, sandbox_config)
        if result.status != "failed":
            _autograde(Path(workdir), student, assignment, timeout, memory_mb, result)
    finally:
        result.seconds = round(time.monotonic() - started, 2)
        if result.status == "failed":
            result.scores = {nb: {cell: 0.0 for cell in cells} for nb, cells in result.max_scores.items()}
        (Path(workdir) / "result.json").write_text(result.to_json())
    return result


def _prepare(course, template_db, submission_dir, student, assignment, workdir, cell_timeout, result,
             sandbox_config=""):
    """Lay out the workspace; record missing, renamed or unreadable notebooks as reasons."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    (workdir / "nbgrader_config.py").write_text(_CONFIG.format(
        config=str(course.config_file), root=str(workdir), cell_timeout=cell_timeout, sandbox=sandbox_config))
    shutil.copyfile(template_db, workdir / "gradebook.db")
    expected = workdir / "bundles" / assignment / "expected.json"   # read by ApplyVerdict
    expected.parent.mkdir(parents=True)
    shutil.copyfile(course.expected_file(assignment), expected)
    source = workdir / "source" / assignment
    shutil.copytree(course.release_dir / assignment, source,
                    ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))

    if not submission_dir.is_dir():
        return _fail(result, f"no submission folder {submission_dir.name}/ for {assignment}")
    size = sum(p.stat().st_size for p in submission_dir.rglob("*") if p.is_file() and not p.is_symlink())
    if size > MAX_SUBMISSION_BYTES:
        return _fail(result, f"submission is {size / 2**20:.0f} MiB, over the {MAX_SUBMISSION_BYTES // 2**20} MiB limit")
    target = workdir / "submitted" / student / assignment
    shutil.copytree(submission_dir, target, symlinks=True,  # links are copied as links, then dropped
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for link in [p for p in target.rglob("*") if p.is_symlink()]:
        link.unlink()

    expected = set(result.max_scores)
    found = {p.stem for p in target.glob("*.ipynb")}
    for name in sorted(expected - found):
        others = sorted(found - expected)
        hint = f" (found {', '.join(o + '.ipynb' for o in others)}: was it renamed?)" if others else ""
        result.notebook_reasons[name] = f"{name}.ipynb is missing{hint}"
    for name in sorted(expected & found):
        problem = _unreadable(target / f"{name}.ipynb")
        if problem:
            # nbgrader would abort the whole assignment on it: grade the rest, this one is 0
            (target / f"{name}.ipynb").unlink()
            result.notebook_reasons[name] = f"{name}.ipynb {problem}"
        else:
            result.notes += _drop_duplicate_ids(target / f"{name}.ipynb")
    if result.notebook_reasons and not (expected & {p.stem for p in target.glob("*.ipynb")}):
        _fail(result, "; ".join(result.notebook_reasons.values()))


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
        return _fail(result, f"grading took longer than {timeout} s (an endless loop?)")
    result.log = proc.stdout[-20000:]
    took = re.search(r"^\[autograder\] autograde took ([0-9.]+) s", proc.stdout, re.M)
    result.autograde_seconds = float(took.group(1)) if took else 0.0
    scores = read_scores(workdir / "gradebook.db", assignment, student)
    if not took or not scores:
        return _fail(result, "nbgrader could not autograde this submission: " + _last_error(proc.stdout))
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


def _fail(result, reason):
    result.status = "failed"
    result.reason = reason
    for notebook in result.max_scores:
        result.notebook_reasons.setdefault(notebook, reason)


def _last_error(log):
    lines = [l for l in log.splitlines() if "[ERROR]" in l or "Error" in l]
    return (lines[-1] if lines else log.strip().splitlines()[-1] if log.strip() else "no output")[:300]
