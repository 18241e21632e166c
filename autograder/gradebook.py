"""The course gradebook (nbgrader's SQLite/SQLAlchemy database): a student-free template for
isolated grading, merging one graded submission back in, and the grades CSV.

Only this module writes the course gradebook, and only after a submission was graded in its
own workspace: a crashed or hostile submission cannot corrupt it.
"""
import csv
import sqlite3
import warnings
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy.exc import SAWarning


def db_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def make_template(course_db: Path, dest: Path, assignments):
    """Copy the course gradebook to ``dest`` without any student, so that a workspace holds
    the assignment definitions (cells, checksums, points) and nobody's grades.

    Raises LookupError when an assignment was never built into the course gradebook."""
    if not Path(course_db).exists():
        raise LookupError(f"no gradebook at {course_db}: run `python -m autograder build` first")
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(course_db) as src, sqlite3.connect(dest) as dst:
        src.backup(dst)  # consistent even while another process writes
    with Gradebook(db_url(dest)) as gb:
        for assignment in assignments:
            try:
                gb.find_assignment(assignment)
            except MissingEntry:
                raise LookupError(f"assignment {assignment!r} is not in the gradebook: "
                                  "run `python -m autograder build` first") from None
        for student in [s.id for s in gb.students]:
            gb.remove_student(student)
    with sqlite3.connect(dest) as con:
        con.execute("VACUUM")
    return dest


def notebook_max_scores(template_db: Path, assignment):
    """``{notebook: {test_cell: max_points}}`` of an assignment, from a gradebook."""
    with Gradebook(db_url(template_db)) as gb:
        return {nb.name: {cell.name: float(cell.max_score) for cell in nb.grade_cells}
                for nb in gb.find_assignment(assignment).notebooks}


def read_scores(workspace_db: Path, assignment, student):
    """``{notebook: {cell: score}}`` for one submission in a workspace gradebook (None: not graded)."""
    with Gradebook(db_url(workspace_db)) as gb:
        try:
            submission = gb.find_submission(assignment, student)
        except MissingEntry:
            return {}
        return {nb.notebook.name: {g.cell.name: (None if g.score is None else float(g.score))
                                   for g in nb.grades}
                for nb in submission.notebooks}


def merge(course_db: Path, result):
    """Write one :class:`~autograder.workspace.SubmissionResult` into the course gradebook.

    Every grade cell of the assignment gets the workspace's score, or 0 when the submission
    could not be graded (missing notebook, invalid file, timeout); the reason goes into the
    first comment of each notebook so that formgrader shows it."""
    with Gradebook(db_url(course_db)) as gb, warnings.catch_warnings():
        # nbgrader's add_submission trips SQLAlchemy autoflush warnings; the rows are right
        warnings.simplefilter("ignore", SAWarning)
        gb.update_or_create_student(result.student)
        gb.update_or_create_submission(result.assignment, result.student)
        for notebook, cells in result.max_scores.items():
            scores = result.scores.get(notebook, {})
            sub_nb = gb.find_submission_notebook(notebook, result.assignment, result.student)
            for grade in sub_nb.grades:
                score = scores.get(grade.cell.name)
                grade.auto_score = 0.0 if score is None else score
                grade.manual_score = None
                grade.needs_manual_grade = False
            reason = result.notebook_reasons.get(notebook)
            if sub_nb.comments:
                sub_nb.comments[0].manual_comment = reason or None
        gb.db.commit()


GRADE_COLUMNS = ["student", "assignment", "score", "max_score", "status", "reason", "notes"]


def write_grades_csv(results, path: Path):
    """One row per graded submission, in the order given."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(GRADE_COLUMNS)
        for r in results:
            writer.writerow([r.student, r.assignment, _fmt(r.score), _fmt(r.max_score), r.status, r.reason,
                             "; ".join(r.notes)])


def write_tests_csv(results, path: Path):
    """Long format: one row per (submission, notebook, test cell)."""
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "assignment", "notebook", "test", "score", "max_score", "message"])
        for r in results:
            for notebook, cells in r.max_scores.items():
                for cell, max_score in cells.items():
                    score = r.scores.get(notebook, {}).get(cell)
                    message = r.messages.get(notebook, {}).get(cell) or r.notebook_reasons.get(notebook, "")
                    writer.writerow([r.student, r.assignment, notebook, cell,
                                     _fmt(score or 0.0), _fmt(max_score), message])


def _fmt(x):
    return f"{x:g}"
