"""Stage 3 for a whole class: every ``<student>/<assignment>/`` folder of a submissions
directory becomes a :class:`~autograder.job.GradingJob`, an executor runs the jobs (here, or on
a Dask cluster: :mod:`autograder.executors`), and each result is written, by this process alone,
into the output folder and merged into the gradebook as it arrives.

Output (``out`` defaults to the course root, i.e. nbgrader's own layout)::

    out/autograded/<student>/<assignment>/*.ipynb   executed notebooks (instructors only)
    out/feedback/<student>/<assignment>/*.html      what students get: no hidden test code
    out/results/<student>/<assignment>.json         scores per test cell, reason, log
    out/grades.csv, out/grades_by_test.csv
"""
import re
import sys
import time
from html import escape
from pathlib import Path

from .bundle import load_bundle, pack
from .course import Course, CourseError
from .executors import LocalExecutor
from .job import job_from_folder

_STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


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
          sandbox=True, quiet=False, log=print):
    """Grade all submissions; return the list of :class:`SubmissionResult` (sorted).

    ``db_path`` is the gradebook to merge into (an SQLite path or an SQLAlchemy URL; default:
    the course gradebook).  ``executor`` runs the jobs (default: ``LocalExecutor(jobs)``, the
    caller's executor is not closed here).  ``timeout`` (whole submission, s), ``cell_timeout``
    (s) and ``memory_mb`` (kernel data memory, 0 = no cap) override the limits the assignment's
    manifest put in its bundle.  Kernels run sandboxed (:mod:`autograder.sandbox`, checked once
    where the jobs run) unless ``sandbox=False``.  A progress bar with ETA is drawn on a
    terminal; ``quiet`` logs only failures and the summary."""
    submissions_dir = Path(submissions_dir)
    if not submissions_dir.is_dir():
        raise CourseError(f"no submissions folder {submissions_dir}")
    out_dir = Path(out_dir or course.root)
    assignments = course.check_assignments(assignments)
    bundles = {a: load_bundle(course, a) for a in assignments}
    limits = {a: b.limits().override(timeout_s=timeout, cell_timeout_s=cell_timeout, memory_mb=memory_mb)
              for a, b in bundles.items()}
    packed = {a: pack(b) for a, b in bundles.items()}
    out_dir.mkdir(parents=True, exist_ok=True)
    if db_path is not None and "://" not in str(db_path):
        Path(db_path).parent.mkdir(parents=True, exist_ok=True)     # SQLite makes the file, not its folder
    gradebook = _Gradebook(course, db_path, assignments)
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
                gradebook.merge(result)
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

    def max_scores(self, bundle, assignment):
        from .gradebook import notebook_max_scores
        return notebook_max_scores(bundle.gradebook, assignment, self.source.course_id)

    def merge(self, result):
        from .gradebook import merge
        merge(self.target, result)

    def export(self, out_dir, log):
        """grades.csv, grades_by_test.csv and the common-mistakes report, from the gradebook."""
        from .export import export
        export(self.course, out_dir, gradebook=self.target, log=log)


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
    if result.status == "failed" or result.notebook_reasons:
        _write_failure_feedback(result, out_dir / "feedback" / result.student / result.assignment)
    dst = out_dir / "results" / result.student / f"{result.assignment}.json"
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(result.to_json())


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
