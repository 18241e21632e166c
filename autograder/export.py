"""Stage 4: the gradebook → files for instructors, read from the database (so a score or
comment an instructor changed in formgrader shows)::

    out/grades.csv           one row per submission: student, assignment, score, max_score,
                             status, reason, notes
    out/grades_by_test.csv   one row per (submission, notebook, test cell), with the verdict message
    out/mistakes.csv, out/mistakes.html   the common-mistakes report (:mod:`autograder.mistakes`)

``grade`` runs it at the end of every batch; ``python -m autograder export`` runs it alone.
"""
import csv
from pathlib import Path

import nbformat

from . import mistakes
from .course import Course
from .gradebook import GradebookRef, course_gradebook, read_grades
from .notebook import nbgrader_meta

GRADE_COLUMNS = ["student", "assignment", "score", "max_score", "status", "reason", "notes"]
TEST_COLUMNS = ["student", "assignment", "notebook", "test", "score", "max_score", "message"]


def export(course: Course, out_dir=None, *, gradebook: GradebookRef = None, assignments=None, log=print):
    """Write the files above into ``out_dir`` (default: the course root) from ``gradebook``
    (default: the course gradebook), for ``assignments`` (default: all).  Returns their paths."""
    gradebook = gradebook or course_gradebook(course)
    out_dir = Path(out_dir or course.root)
    out_dir.mkdir(parents=True, exist_ok=True)
    submissions = read_grades(gradebook, assignments)
    order = _CellOrder(course)
    for sub in submissions:
        sub.tests.sort(key=lambda t: order(sub.assignment, t.notebook, t.test))
    paths = {name: out_dir / name for name in ("grades.csv", "grades_by_test.csv", "mistakes.csv", "mistakes.html")}
    write_grades_csv(submissions, paths["grades.csv"])
    write_tests_csv(submissions, paths["grades_by_test.csv"])
    summaries = mistakes.summarize(submissions, order)
    mistakes.write_csv(summaries, paths["mistakes.csv"])
    mistakes.write_html(summaries, paths["mistakes.html"])
    log(f"exported {len(submissions)} submission(s) from {gradebook}: {paths['grades.csv']}, "
        f"common mistakes in {paths['mistakes.html']}")
    return paths


def write_grades_csv(submissions, path: Path):
    """One row per :class:`~autograder.gradebook.SubmissionGrades`, in the order given."""
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(GRADE_COLUMNS)
        for s in submissions:
            writer.writerow([s.student, s.assignment, _fmt(s.score), _fmt(s.max_score), s.status, s.reason,
                             "; ".join(s.notes)])


def write_tests_csv(submissions, path: Path):
    """Long format: one row per (submission, notebook, test cell)."""
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(TEST_COLUMNS)
        for s in submissions:
            for t in s.tests:
                writer.writerow([s.student, s.assignment, t.notebook, t.test, _fmt(t.score), _fmt(t.max_score),
                                 t.message])


class _CellOrder:
    """Sort key of a test cell: its place in the released notebook (the gradebook keeps no
    order); cells the release does not have come last, by name."""

    def __init__(self, course):
        self.course, self.positions = course, {}

    def __call__(self, assignment, notebook, cell):
        key = (assignment, notebook)
        if key not in self.positions:
            path = self.course.release_dir / assignment / f"{notebook}.ipynb"
            try:
                cells = nbformat.read(path, as_version=4).cells
            except (OSError, ValueError):
                cells = []
            self.positions[key] = {nbgrader_meta(c).get("grade_id"): i for i, c in enumerate(cells)}
        return assignment, notebook, self.positions[key].get(cell, len(self.positions[key])), cell


def _fmt(x):
    return f"{x:g}"
