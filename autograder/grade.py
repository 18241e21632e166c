"""Stage 3 for a whole class: every ``<student>/<assignment>/`` folder of a submissions
directory becomes a :class:`~autograder.job.GradingJob`, an executor runs the jobs (here, or on
a Dask cluster: :mod:`autograder.executors`), and each result is written, by this process alone,
into the output folder and merged into the gradebook as it arrives.

Output (``out`` defaults to the course root, i.e. nbgrader's own layout)::

    out/autograded/<student>/<assignment>/*.ipynb   executed notebooks (instructors only)
    out/feedback/<student>/<assignment>/*.html      what students get: no hidden test code
    out/results/<student>/<assignment>.json         scores per test cell, reason, log
    out/grades.csv, out/grades_by_test.csv

What formgrader shows of a batch graded into the course (``out`` the course root and the
submissions its ``submitted/`` folder): every submission as autograded, one that could not be
graded as 0 with an ``autograded/`` notebook saying why; students named from the roster
(``roster``, else ``<course>/roster.csv`` when there is one), or by their id.

On a fresh clone (no bundle, no gradebook) each assignment to grade is built first.
"""
import sys
import time
from html import escape
from pathlib import Path

from .bundle import load_bundle, pack
from .course import Course, CourseError
from .executors import LocalExecutor
from .gradebook import STUDENT_ID as _STUDENT_ID
from .job import job_from_folder

#: The roster ``grade`` reads when none is given, at the course root (``nbgrader db student
#: import`` format: id,first_name,last_name,email).
DEFAULT_ROSTER = "roster.csv"


def find_submissions(submissions_dir: Path, assignments):
    """``[(student, assignment, folder)]`` for every student folder holding an assignment folder.

    Folder names that are not safe student ids are reported, not graded."""
    found, skipped = [], []
    for student_dir in sorted(p for p in Path(submissions_dir).iterdir() if p.is_dir() and not p.is_symlink()):
        if not _STUDENT_ID.match(student_dir.name):
            skipped.append(student_dir.name)
            continue
        for assignment in assignments:
            if (student_dir / assignment).is_dir():
                found.append((student_dir.name, assignment, student_dir / assignment))
    return found, skipped


def grade(course: Course, submissions_dir, out_dir=None, *, assignments=None, db_path=None,
          jobs=1, executor=None, keep_workspaces=False, timeout=None, cell_timeout=None, memory_mb=None,
          sandbox=True, quiet=False, roster=None, build_missing=True, log=print):
    """Grade all submissions; return the list of :class:`SubmissionResult` (sorted).

    ``db_path`` is the gradebook to merge into (an SQLite path or an SQLAlchemy URL; default:
    the course gradebook).  ``roster`` is a CSV of students' names (see
    :func:`~autograder.gradebook.read_roster`; by default ``<course>/roster.csv`` if it exists
    and the batch goes into the course gradebook: not for ``validate``'s own gradebook),
    checked whole before anything is built or graded, and applied to the gradebook first.  An
    assignment with no bundle yet, or missing from the course gradebook, is built first
    (:func:`~autograder.build.build`) unless ``build_missing=False``.  ``executor`` runs the
    jobs (default: ``LocalExecutor(jobs)``, the caller's executor is not closed here).  ``timeout`` (whole submission, s), ``cell_timeout``
    (s) and ``memory_mb`` (kernel data memory, 0 = no cap) override the limits the assignment's
    manifest put in its bundle.  Kernels run sandboxed (:mod:`autograder.sandbox`, checked once
    where the jobs run) unless ``sandbox=False``.  A progress bar with ETA is drawn on a
    terminal; ``quiet`` logs only failures and the summary."""
    submissions_dir = Path(submissions_dir)
    if not submissions_dir.is_dir():
        raise CourseError(f"no submissions folder {submissions_dir}")
    out_dir = Path(out_dir or course.root)
    assignments = course.check_assignments(assignments)
    names = _read_roster(course, roster, log, default=db_path is None)
    bundles = {a: _bundle(course, a, build_missing, log) for a in assignments}
    limits = {a: b.limits().override(timeout_s=timeout, cell_timeout_s=cell_timeout, memory_mb=memory_mb)
              for a, b in bundles.items()}
    packed = {a: pack(b) for a, b in bundles.items()}
    out_dir.mkdir(parents=True, exist_ok=True)
    if db_path is not None and "://" not in str(db_path):
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)     # SQLite makes the file, not its folder
    gradebook = _Gradebook(course, db_path, assignments)
    if names:
        gradebook.apply_roster(names)
    max_scores = {a: gradebook.max_scores(b, a) for a, b in bundles.items()}

    own = executor is None
    executor = executor or LocalExecutor(jobs)
    where = executor.describe()
    try:
        if sandbox:
            from .sandbox import Limits
            worst = max(limits.values(), key=lambda l: (l.memory_mb, l.timeout_s))
            log(executor.preflight(Limits(memory_mb=worst.memory_mb, cpu_seconds=2 * worst.timeout_s)))
        todo, skipped = find_submissions(submissions_dir, assignments)
        for name in skipped:
            log(f"skipped folder {name!r}: not a valid student id (letters, digits, . _ -)")
        unlisted = sorted({student for student, _, _ in todo} - set(names)) if names else []
        if unlisted:
            log(f"not in the roster (named by their id): {', '.join(unlisted)}")
        timestamps = {(student, assignment): _timestamp(folder, log) for student, assignment, folder in todo}
        work = out_dir / ".workspaces"
        jobs_iter = (job_from_folder(folder, student, assignment, packed[assignment], limits=limits[assignment],
                                     sandbox=sandbox,
                                     workdir=str(work / f"{student}__{assignment}") if keep_workspaces else "")
                     for student, assignment, folder in todo)
        started = time.monotonic()
        results = []
        with _Progress(len(todo), where, quiet, log) as progress:
            for outcome in executor.map(jobs_iter, max_scores):
                result = outcome.result       # the one writer: files, then the gradebook
                _collect(outcome, out_dir)
                gradebook.merge(result, timestamps.get((result.student, result.assignment)))
                results.append(result)
                progress.done(outcome)
    finally:
        if own:
            executor.close()
    results.sort(key=lambda r: (r.student, r.assignment))
    gradebook.export(out_dir, log)
    log(f"graded {len(results)} submission(s) in {time.monotonic() - started:.1f} s with {where}; "
        f"grades in {out_dir / 'grades.csv'}")
    return results


class _Gradebook:
    """Every call this module makes to :mod:`autograder.gradebook` and :mod:`autograder.export`,
    in one place: the target gradebook readied before the batch, one merge per result (from the
    main thread only: the single writer; the merge sets, so a rerun doubles nothing), the CSVs."""

    def __init__(self, course, db, assignments):
        from .gradebook import copy_assignments, course_gradebook
        self.course = course
        self.source = course_gradebook(course)
        self.target = course_gradebook(course, db)
        self.assignments = assignments
        try:
            if self.target.url != self.source.url:
                copy_assignments(self.source, self.target, assignments)
        except LookupError as exc:
            raise CourseError(str(exc)) from None

    def apply_roster(self, roster):
        from .gradebook import apply_roster
        apply_roster(self.target, roster)

    def max_scores(self, bundle, assignment):
        from .gradebook import notebook_max_scores
        return notebook_max_scores(bundle.gradebook, assignment, self.source.course_id)

    def merge(self, result, timestamp=None):
        from .gradebook import merge
        merge(self.target, result, timestamp)

    def export(self, out_dir, log):
        """grades.csv, grades_by_test.csv and the common-mistakes report, from the gradebook."""
        from .export import export
        export(self.course, out_dir, gradebook=self.target, log=log)


def _read_roster(course, roster, log, default=True):
    """The roster's ``{id: fields}``: the file ``roster``, else (when ``default``: grading into
    the course gradebook) the course's ``roster.csv`` if there is one; ``{}`` when none.
    CourseError when it is unusable."""
    from .gradebook import RosterError, read_roster
    path = Path(roster) if roster else course.root / DEFAULT_ROSTER
    if not roster and not (default and path.is_file()):
        return {}
    try:
        names = read_roster(path)
    except RosterError as exc:
        raise CourseError(f"{exc}\nnothing was graded") from None
    log(f"names of {len(names)} student(s) from {path}")
    return names


def _bundle(course, assignment, build_missing, log):
    """The assignment's grading bundle, built first when it, or the assignment's entry in the
    course gradebook, is missing (a fresh clone)."""
    from .gradebook import course_gradebook, has_assignment
    why = None
    try:
        bundle = load_bundle(course, assignment)
    except CourseError:
        if not build_missing:
            raise
        why = "no bundle yet"
    else:
        if not has_assignment(course_gradebook(course), assignment):
            why = "not in the course gradebook yet"
    if why is None:
        return bundle
    if not build_missing:
        raise CourseError(f"{assignment} is not in the course gradebook {course_gradebook(course)}: "
                          f"run `python -m autograder build {assignment}` first")
    from .build import build
    log(f"building {assignment} first ({why})")
    build(course, [assignment], log=log)
    return load_bundle(course, assignment)


def _timestamp(folder: Path, log):
    """The submission's time from its ``timestamp.txt`` (written by nbgrader's collect and
    exchange), as nbgrader parses it; None when there is none or it cannot be read."""
    path = Path(folder) / "timestamp.txt"
    if path.is_symlink() or not path.is_file():
        return None
    from nbgrader.utils import parse_utc
    try:
        with open(path, "rb") as f:
            return parse_utc(f.read(100).decode(errors="replace").strip())
    except Exception as exc:    # dateutil raises several kinds
        log(f"{folder}: timestamp.txt ignored ({exc})")
        return None


class _Progress:
    """A tqdm bar with ETA on a terminal; otherwise (or ``quiet``) log lines."""

    def __init__(self, total, where, quiet, log):
        self.total, self.quiet, self.log, self.count = total, quiet, log, 0
        self.bar = None
        if not quiet and log is print and sys.stderr.isatty():
            from tqdm import tqdm
            self.bar = tqdm(total=total, unit="submission", desc=f"grading ({where})", dynamic_ncols=True)
            self.log = self.bar.write

    def done(self, outcome):
        self.count += 1
        r = outcome.result
        note = f"  [{r.reason}]" if r.reason else ""
        retried = f" ({outcome.attempts} attempts)" if outcome.attempts > 1 else ""
        if not self.quiet or r.status == "failed" or r.reason:
            self.log(f"[{self.count}/{self.total}] {r.student}/{r.assignment}: "
                     f"{r.score:g}/{r.max_score:g} in {r.seconds:.1f} s{retried}{note}")
        if self.bar is not None:
            self.bar.update(1)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()


def _collect(outcome, out_dir: Path):
    """Write a job's autograded notebooks, feedback pages and result into ``out_dir`` (bytes
    that came back by value; only the assignment's own notebook names)."""
    result = outcome.result
    for kind, suffix, pages in (("autograded", ".ipynb", outcome.autograded), ("feedback", ".html", outcome.feedback)):
        dst = out_dir / kind / result.student / result.assignment
        if dst.exists():
            for old in dst.iterdir():
                if old.is_file() or old.is_symlink():
                    old.unlink()
        for notebook, data in pages.items():
            if notebook in result.max_scores:
                dst.mkdir(parents=True, exist_ok=True)
                (dst / f"{notebook}{suffix}").write_bytes(data)
    _write_failure_notebooks(result, out_dir / "autograded" / result.student / result.assignment,
                             set(outcome.autograded))
    if result.status == "failed" or result.notebook_reasons:
        _write_failure_feedback(result, out_dir / "feedback" / result.student / result.assignment)
    dst = out_dir / "results" / result.student / f"{result.assignment}.json"
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(result.to_json())


def _write_failure_notebooks(result, folder: Path, written):
    """An ``autograded/`` notebook for each notebook nbgrader could not grade, saying why, so
    that formgrader counts the submission as autograded (graded 0, as ``grades.csv`` says)
    and lists the notebook, rather than offering to autograde it again."""
    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook
    for notebook, cells in result.max_scores.items():
        if notebook in written:
            continue
        reason = result.notebook_reasons.get(notebook) or result.reason or "not graded"
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(new_notebook(cells=[new_markdown_cell(
            f"# {_markdown_text(result.assignment)} / {_markdown_text(notebook)}\n\n"
            f"**This notebook could not be graded:** {_markdown_text(reason)}.\n\n"
            f"Score: 0 / {sum(cells.values()):g}.")]),
            folder / f"{notebook}.ipynb")


def _markdown_text(text):
    """``text`` shown as itself in a Markdown cell: a reason may quote the student's file, and
    formgrader renders Markdown with its HTML (a ``<script>`` would run in the instructor's
    browser)."""
    text = "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|~" else ch for ch in " ".join(str(text).split()))
    return escape(text, quote=False)


def _write_failure_feedback(result, folder: Path):
    """A feedback page for each notebook nbgrader could not grade, saying why."""
    folder.mkdir(parents=True, exist_ok=True)
    for notebook, reason in result.notebook_reasons.items():
        page = folder / f"{notebook}.html"
        if page.exists():
            continue
        page.write_text(
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(notebook)}</title></head>"
            f"<body><h1>{escape(result.assignment)} / {escape(notebook)}</h1>"
            f"<p>This notebook could not be graded: {escape(reason)}.</p>"
            f"<p>Score: 0 / {sum(result.max_scores[notebook].values()):g}</p></body></html>")
