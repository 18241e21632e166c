"""Stage 3 for a whole class: grade every ``<student>/<assignment>/`` folder of a submissions
directory, each in its own workspace, merging each result into the gradebook as it arrives.

Output (``out`` defaults to the course root, i.e. nbgrader's own layout)::

    out/autograded/<student>/<assignment>/*.ipynb   executed notebooks (instructors only)
    out/feedback/<student>/<assignment>/*.html      what students get: no hidden test code
    out/results/<student>/<assignment>.json         scores per test cell, reason, log
    out/grades.csv, out/grades_by_test.csv
"""
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from .course import Course, CourseError
from .gradebook import make_template, merge, write_grades_csv, write_tests_csv
from .workspace import MEMORY_MB, grade_submission

_STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


def find_submissions(submissions_dir: Path, assignments):
    """``[(student, assignment, folder)]`` for every student folder holding an assignment folder.

    Folder names that are not safe student ids are reported, not graded."""
    found, skipped = [], []
    for student_dir in sorted(p for p in Path(submissions_dir).iterdir() if p.is_dir()):
        if not _STUDENT_ID.match(student_dir.name):
            skipped.append(student_dir.name)
            continue
        for assignment in assignments:
            if (student_dir / assignment).is_dir():
                found.append((student_dir.name, assignment, student_dir / assignment))
    return found, skipped


def grade(course: Course, submissions_dir, out_dir=None, *, assignments=None, db_path=None,
          jobs=1, keep_workspaces=False, timeout=900, cell_timeout=300, memory_mb=MEMORY_MB,
          sandbox=True, log=print):
    """Grade all submissions; return the list of :class:`SubmissionResult` (sorted).

    ``db_path`` is the gradebook to merge into (default: the course gradebook); a missing one
    is created from the course gradebook's assignments.  ``jobs`` workspaces run at once;
    timeouts and ``memory_mb`` apply to each (see :func:`grade_submission`).  Kernels run
    sandboxed (:mod:`autograder.sandbox`, checked once before the first submission) unless
    ``sandbox=False``."""
    submissions_dir = Path(submissions_dir)
    if not submissions_dir.is_dir():
        raise CourseError(f"no submissions folder {submissions_dir}")
    out_dir = Path(out_dir or course.root)
    assignments = course.check_assignments(assignments)
    work = out_dir / ".workspaces"
    work.mkdir(parents=True, exist_ok=True)
    try:
        template = make_template(course.db_path, work / "template.db", assignments)
    except LookupError as exc:
        raise CourseError(str(exc)) from None
    for assignment in assignments:
        if not course.expected_file(assignment).exists():
            raise CourseError(f"no expected values for {assignment} ({course.expected_file(assignment)}): "
                              "run `python -m autograder build` first")
    if sandbox:
        from .sandbox import Limits, preflight
        log(preflight(Limits(memory_mb=memory_mb, cpu_seconds=2 * timeout)))
    db_path = Path(db_path or course.db_path)
    if not db_path.exists():
        shutil.copyfile(template, db_path)

    todo, skipped = find_submissions(submissions_dir, assignments)
    for name in skipped:
        log(f"skipped folder {name!r}: not a valid student id (letters, digits, . _ -)")
    results = []
    started = time.monotonic()

    def run(item):
        student, assignment, folder = item
        return grade_submission(course, template, folder, student, assignment,
                                work / f"{student}__{assignment}", timeout=timeout,
                                cell_timeout=cell_timeout, memory_mb=memory_mb, sandbox=sandbox)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(run, item) for item in todo]
        for done, future in enumerate(as_completed(futures), 1):
            result = future.result()
            _collect(result, work / f"{result.student}__{result.assignment}", out_dir)
            merge(db_path, result)  # single writer: only this thread touches the gradebook
            results.append(result)
            note = f"  [{result.reason}]" if result.reason else ""
            log(f"[{done}/{len(todo)}] {result.student}/{result.assignment}: "
                f"{result.score:g}/{result.max_score:g} in {result.seconds:.1f} s{note}")
            if not keep_workspaces:
                shutil.rmtree(work / f"{result.student}__{result.assignment}", ignore_errors=True)
    results.sort(key=lambda r: (r.student, r.assignment))
    write_grades_csv(results, out_dir / "grades.csv")
    write_tests_csv(results, out_dir / "grades_by_test.csv")
    log(f"graded {len(results)} submission(s) in {time.monotonic() - started:.1f} s; "
        f"grades in {out_dir / 'grades.csv'}")
    return results


def _collect(result, workdir: Path, out_dir: Path):
    """Copy a workspace's autograded notebooks, feedback pages and result into ``out_dir``.

    Only ``<notebook>.ipynb`` / ``<notebook>.html`` of the assignment's own notebooks, and only
    regular files: whatever else lies in those folders (a student's files, a link a kernel
    made) never reaches an instructor's or a student's folder."""
    for kind, suffix in (("autograded", ".ipynb"), ("feedback", ".html")):
        src = workdir / kind / result.student / result.assignment
        dst = out_dir / kind / result.student / result.assignment
        if dst.exists():
            shutil.rmtree(dst)
        for notebook in result.max_scores:
            path = src / f"{notebook}{suffix}"
            if path.is_file() and not path.is_symlink():
                dst.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dst / path.name)
    if result.status == "failed" or result.notebook_reasons:
        _write_failure_feedback(result, out_dir / "feedback" / result.student / result.assignment)
    dst = out_dir / "results" / result.student / f"{result.assignment}.json"
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(result.to_json())


def _write_failure_feedback(result, folder: Path):
    """A feedback page for each notebook nbgrader could not grade, saying why."""
    from html import escape
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
