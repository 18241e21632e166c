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
    write_csv(paths["grades.csv"], GRADE_COLUMNS, grade_rows(submissions))
    write_csv(paths["grades_by_test.csv"], TEST_COLUMNS, test_rows(submissions))
    summaries = mistakes.summarize(submissions, order)
    write_csv(paths["mistakes.csv"], mistakes.CSV_COLUMNS, mistakes.csv_rows(summaries))
    mistakes.write_html(summaries, paths["mistakes.html"])
    log(f"exported {len(submissions)} submission(s) from {gradebook}: {paths['grades.csv']}, "
        f"common mistakes in {paths['mistakes.html']}")
    return paths


def grade_rows(submissions):
    """One row per :class:`~autograder.gradebook.SubmissionGrades`, in the order given."""
    for s in submissions:
        yield [s.student, s.assignment, _fmt(s.score), _fmt(s.max_score), s.status, s.reason, "; ".join(s.notes)]


def test_rows(submissions):
    """Long format: one row per (submission, notebook, test cell)."""
    for s in submissions:
        for t in s.tests:
            yield [s.student, s.assignment, t.notebook, t.test, _fmt(t.score), _fmt(t.max_score), t.message]


def write_csv(path: Path, columns, rows):
    """The one CSV writer of the exports: a header line, then ``rows``."""
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        writer.writerows(rows)


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
