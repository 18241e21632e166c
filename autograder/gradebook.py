"""The course gradebook: nbgrader's database, on any SQLAlchemy URL (SQLite by default,
PostgreSQL through psycopg), and the source of truth for grades.

- :func:`course_gradebook` — which database and ``course_id`` (from ``nbgrader_config.py``,
  or a URL given on the command line).
- :func:`make_template` — a student-free SQLite gradebook for grading workspaces, built
  through nbgrader's API from the assignment definitions (notebooks, grade/solution/task
  cells with points, source cells with checksums) of any gradebook, PostgreSQL included.
- :func:`copy_assignments` — the same definitions into the gradebook a batch is merged into.
- :func:`read_roster` / :func:`apply_roster` — students' names and emails from the CSV that
  ``nbgrader db student import`` takes, checked whole before anything is written.
- :func:`merge` — one graded submission into the gradebook (one writer; idempotent; an
  instructor's manual scores and comments, and students' names, survive a regrade).
- :func:`read_grades` — everything :mod:`autograder.export` writes, read back.

nbgrader's schema has no place for what the autograder says about a submission (its status,
reason and notes) nor for the verdict message of a test cell (nbgrader's ``Comment`` rows
belong to solution and task cells, and formgrader lets instructors edit them), so two small
tables of our own sit beside nbgrader's, each row tied to an nbgrader row by a foreign key
that deletes it with that row: ``autograder_submission`` (per submitted assignment) and
``autograder_verdict`` (per grade).
"""
import contextlib
import csv
import functools
import os
import re
import shutil
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader import api
from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy import Boolean, Column, ForeignKey, String, Text
from sqlalchemy.exc import SAWarning
from sqlalchemy.orm import declarative_base

_Tables = declarative_base()


class SubmissionOutcome(_Tables):
    """What the autograder said of one submitted assignment (grades.csv's status, reason, notes)."""
    __tablename__ = "autograder_submission"
    submission_id = Column(String(32), ForeignKey(api.SubmittedAssignment.__table__.c.id, ondelete="CASCADE"),
                           primary_key=True)
    status = Column(String(16), nullable=False)     # "graded" or "failed"
    reason = Column(Text, nullable=False, default="")
    notes = Column(Text, nullable=False, default="")  # one per line


class VerdictMessage(_Tables):
    """The message of one graded cell: the verdict's words, or why its notebook was not graded."""
    __tablename__ = "autograder_verdict"
    grade_id = Column(String(32), ForeignKey(api.Grade.__table__.c.id, ondelete="CASCADE"), primary_key=True)
    message = Column(Text, nullable=False)
    judged = Column(Boolean, nullable=False)   # False: the notebook could not be graded at all


@dataclass(frozen=True)
class GradebookRef:
    """A gradebook: its SQLAlchemy URL and the nbgrader ``course_id`` its assignments belong to."""
    url: str
    course_id: str

    def open(self) -> Gradebook:
        """nbgrader's :class:`Gradebook` on it (creating the schema when the database is empty,
        and an SQLite file with its folder when missing)."""
        _alembic_on_path()
        if self.sqlite_path:
            self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        return Gradebook(self.url, course_id=self.course_id)

    @property
    def sqlite_path(self):
        """The file of an SQLite gradebook (None for a server's)."""
        return Path(self.url[len("sqlite:///"):]) if self.url.startswith("sqlite:///") else None

    def __str__(self):
        return _hide_password(self.url)


def db_url(path) -> str:
    """The SQLAlchemy URL of an SQLite file."""
    return f"sqlite:///{Path(path).resolve()}"


def as_url(url_or_path) -> str:
    """A URL as given, or the SQLite URL of a file path (``--db PATH`` is shorthand for it)."""
    text = str(url_or_path)
    return text if "://" in text else db_url(text)


@functools.lru_cache(maxsize=None)
def course_settings(course):
    """``(db_url, course_id)`` as the course's ``nbgrader_config.py`` sets them for nbgrader
    (``CourseDirectory.db_url`` / ``course_id``; nbgrader's defaults otherwise)."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader
    config = PyFileConfigLoader(course.config_file.name, path=str(course.root)).load_config()
    if "root" not in config.CourseDirectory:
        config.CourseDirectory.root = str(course.root)
    coursedir = CourseDirectory(config=config)
    return coursedir.db_url, coursedir.course_id


def course_gradebook(course, url=None) -> GradebookRef:
    """The course gradebook (where ``build`` records assignments and formgrader reads), or the
    database at ``url`` (a URL or an SQLite path) with the course's ``course_id``."""
    configured, course_id = course_settings(course)
    return GradebookRef(as_url(url) if url else configured, course_id)


#: What a student id may be: a folder name that is safe everywhere (also the roster's ids).
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


# --- students --------------------------------------------------------------------------------

#: The roster's columns: those of nbgrader's ``Student`` table that ``nbgrader db student
#: import`` reads (``id`` required, the others optional, empty meaning "not given").
ROSTER_COLUMNS = ("id", "first_name", "last_name", "email", "lms_user_id")
_FIELD_MAX = 128    # nbgrader's String(128) columns: PostgreSQL enforces it, SQLite does not


class RosterError(ValueError):
    """The roster file cannot be used; the message names the file, line and problem."""


def read_roster(path) -> dict:
    """``{student id: {field: value}}`` from a roster CSV (nbgrader's student-import format:
    a header line naming ``id`` and any of ``first_name``, ``last_name``, ``email``,
    ``lms_user_id``).  Empty cells are left out, so they change nothing when applied.

    Every line is checked before anything is returned: a missing ``id`` column, an unknown
    column, a line with too many or too few cells, an empty, unsafe or repeated id, an email
    without ``@``, a value over 128 characters or holding a line break all raise
    :class:`RosterError` naming the line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError(f"no roster file {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(f"roster {path} cannot be read: {exc}") from None
    rows = csv.reader(text.splitlines(keepends=True))
    try:
        header = [name.strip() for name in next(rows, [])]
    except csv.Error as exc:
        raise RosterError(f"roster {path}, line 1: {exc}") from None
    unknown = [name for name in header if name not in ROSTER_COLUMNS]
    if "id" not in header or unknown or len(set(header)) != len(header):
        problem = (f"unknown column(s) {', '.join(map(repr, unknown))}" if unknown else
                   "a column is named twice" if len(set(header)) != len(header) else "no 'id' column")
        raise RosterError(f"roster {path}, line 1: {problem}; the header must name 'id' and any of "
                          f"{', '.join(ROSTER_COLUMNS[1:])} (nbgrader's student import format)")
    roster, problems = {}, []
    try:
        for cells in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in cells):
                continue        # blank line
            if len(cells) != len(header):
                problems.append(f"line {line}: {len(cells)} cell(s), the header has {len(header)}")
                continue
            row = {name: cell.strip() for name, cell in zip(header, cells) if cell.strip()}
            sid = row.get("id", "")
            if not STUDENT_ID.match(sid):
                problems.append(f"line {line}: student id {sid!r} is not a valid id (letters, digits, . _ -)"
                                if sid else f"line {line}: no student id")
            elif sid in roster:
                problems.append(f"line {line}: student {sid!r} is listed twice")
            for name, value in row.items():
                if len(value) > _FIELD_MAX:
                    problems.append(f"line {line}: {name} is longer than {_FIELD_MAX} characters")
                elif "\n" in value or "\r" in value:
                    problems.append(f"line {line}: {name} holds a line break")
            if "email" in row and "@" not in row["email"]:
                problems.append(f"line {line}: email {row['email']!r} has no '@'")
            roster.setdefault(sid, {k: v for k, v in row.items() if k != "id"})
    except csv.Error as exc:
        problems.append(f"line {rows.line_num}: {exc}")
    if problems:
        raise RosterError(f"roster {path} has {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    return roster


def apply_roster(target: GradebookRef, roster: dict):
    """Create or update every student of ``roster`` in the gradebook ``target``, setting the
    fields the roster gives and leaving the others as they are; a student left with no name at
    all gets the placeholder (:func:`_name_if_unnamed`).  Students with no submission are
    created too: formgrader lists them with "(no submission)", outside every average."""
    with target.open() as gb, _quiet():
        for sid, fields in roster.items():
            student = gb.update_or_create_student(sid, **fields)
            _name_if_unnamed(student)
        gb.db.commit()


def _student(gb, student_id):
    """The student row (created when missing), named if it has no name."""
    student = gb.update_or_create_student(student_id)
    _name_if_unnamed(student)
    return student


def _name_if_unnamed(student):
    """nbgrader creates students with no name, and formgrader shows a missing name as "None"
    ("None, None" in its lists): a student with neither a first nor a last name gets the id as
    last name and an empty first name (formgrader's lists show "ann, ", its grading page
    "ann"); one with only one of them gets an empty other.  A name anyone set (a roster,
    formgrader, ``nbgrader db student import``) is never changed."""
    if student.first_name is None and student.last_name is None:
        student.last_name, student.first_name = student.id, ""
    elif student.first_name is None:
        student.first_name = ""
    elif student.last_name is None:
        student.last_name = ""


# --- assignment definitions ------------------------------------------------------------------

def copy_assignments(source: GradebookRef, target: GradebookRef, assignments):
    """Write the definitions of ``assignments`` (notebooks, grade, solution, task and source
    cells) from ``source`` into ``target`` through nbgrader's API; students and grades are not
    copied.  Idempotent (nbgrader's ``update_or_create_*``).

    Raises LookupError when an assignment is not in ``source`` (never built), or when
    ``source`` is an SQLite file that does not exist (rather than creating an empty one)."""
    if source.sqlite_path and not source.sqlite_path.exists():
        raise LookupError(f"no gradebook at {source}: run `python -m autograder build` first")
    with source.open() as src, target.open() as dst, _quiet():
        for name in assignments:
            try:
                assignment = src.find_assignment(name)
            except MissingEntry:
                raise LookupError(f"assignment {name!r} is not in the gradebook {source}: "
                                  "run `python -m autograder build` first") from None
            dst.update_or_create_assignment(name, duedate=assignment.duedate)
            for nb in assignment.notebooks:
                dst.update_or_create_notebook(nb.name, name, kernelspec=nb.kernelspec)
                for cell in nb.grade_cells:
                    dst.update_or_create_grade_cell(cell.name, nb.name, name, max_score=cell.max_score,
                                                    cell_type=cell.cell_type)
                for cell in nb.solution_cells:
                    dst.update_or_create_solution_cell(cell.name, nb.name, name)
                for cell in nb.task_cells:
                    dst.update_or_create_task_cell(cell.name, nb.name, name, max_score=cell.max_score,
                                                   cell_type=cell.cell_type)
                for cell in nb.source_cells:
                    dst.update_or_create_source_cell(cell.name, nb.name, name, cell_type=cell.cell_type,
                                                     locked=cell.locked, source=cell.source,
                                                     checksum=cell.checksum)


def has_assignment(ref: GradebookRef, assignment) -> bool:
    """Whether the gradebook holds ``assignment`` (False for an SQLite file that does not
    exist, which is not created)."""
    if ref.sqlite_path and not ref.sqlite_path.exists():
        return False
    with ref.open() as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            return False
    return True


def make_template(source: GradebookRef, dest: Path, assignments) -> Path:
    """A fresh SQLite gradebook at ``dest`` holding only the definitions of ``assignments``
    (see :func:`copy_assignments`): what a grading workspace needs, and nobody's grades.

    Raises LookupError when the source has no such assignment (or no database)."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy_assignments(source, GradebookRef(db_url(partial), source.course_id), assignments)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, dest)   # a reader never sees a half-written template
    return dest


def notebook_max_scores(template_db: Path, assignment, course_id=None):
    """``{notebook: {test_cell: max_points}}`` of an assignment, from an SQLite gradebook."""
    with _read(template_db, course_id) as gb:
        return {nb.name: {cell.name: float(cell.max_score) for cell in nb.grade_cells}
                for nb in gb.find_assignment(assignment).notebooks}


def read_scores(workspace_db: Path, assignment, student, course_id=None):
    """``{notebook: {cell: score}}`` for one submission in a workspace gradebook (None: not graded)."""
    with _read(workspace_db, course_id) as gb:
        try:
            submission = gb.find_submission(assignment, student)
        except MissingEntry:
            return {}
        return {nb.notebook.name: {g.cell.name: (None if g.score is None else float(g.score))
                                   for g in nb.grades}
                for nb in submission.notebooks}


# --- merging ---------------------------------------------------------------------------------

def merge(target: GradebookRef, result, timestamp=None):
    """Write one :class:`~autograder.workspace.SubmissionResult` into the gradebook ``target``
    (which must hold the assignment's definitions: see :func:`copy_assignments`).

    ``timestamp`` is the submission's time (a naive UTC datetime, as nbgrader reads it from
    ``timestamp.txt``), recorded as nbgrader's autograde does: formgrader counts a submission
    as autograded only when the gradebook's timestamp equals the one in ``submitted/``.  The
    student is created when new (named as :func:`_name_if_unnamed` says); names are never
    changed here.

    Only values are set, never added, so merging the same result twice (a recomputed job)
    leaves the gradebook as merging it once.  Per grade cell: the autograder's score (0 for a
    notebook that could not be graded; none when nbgrader left the cell to a human), the
    instructor's ``manual_score`` and extra credit kept (see :func:`_set_grade`).  A notebook's
    reason for not being graded goes into the autograder's comment (``auto_comment``) on one
    answer cell, the first by name: formgrader shows an instructor's ``manual_comment`` instead
    when there is one.  Status, reason, notes and each cell's message go into our own tables."""
    with target.open() as gb, _quiet():
        _Tables.metadata.create_all(gb.engine)
        _student(gb, result.student)
        submission = gb.update_or_create_submission(result.assignment, result.student)
        submission.timestamp = timestamp
        for sub_nb in submission.notebooks:
            name = sub_nb.notebook.name
            reason = result.notebook_reasons.get(name) or (
                (result.reason or "not graded") if result.status == "failed" or name not in result.max_scores else None)
            scores, messages = result.scores.get(name, {}), result.messages.get(name, {})
            for grade in sub_nb.grades:
                cell = grade.cell.name
                _set_grade(grade, 0.0 if reason else scores.get(cell))
                message = reason or messages.get(cell)
                if message is None:
                    gb.db.query(VerdictMessage).filter_by(grade_id=grade.id).delete()
                else:
                    gb.db.merge(VerdictMessage(grade_id=grade.id, message=message, judged=reason is None))
            if sub_nb.comments:
                first = min(sub_nb.comments, key=lambda c: c.cell.name)
                first.auto_comment = f"Not graded: {reason}" if reason else None
        gb.db.merge(SubmissionOutcome(submission_id=submission.id, status=result.status, reason=result.reason,
                                      notes="\n".join(result.notes)))
        gb.db.commit()


def _set_grade(grade, auto_score):
    """Set the autograder's score of one grade; keep what a human entered.

    ``needs_manual_grade`` (formgrader's "needs grading" flag) is raised when nobody scored the
    cell yet (no autograder score, no manual score), and for review when an instructor's manual
    score predates a *different* autograder score; an unchanged regrade leaves it as it was."""
    changed = grade.auto_score != auto_score
    grade.auto_score = auto_score
    if grade.manual_score is None:
        grade.needs_manual_grade = auto_score is None
    elif changed:
        grade.needs_manual_grade = True


# --- reading back ----------------------------------------------------------------------------

@dataclass
class CellGrade:
    notebook: str
    test: str
    score: float          # what counts: the manual score when an instructor set one
    max_score: float
    auto_score: object    # the autograder's (None: not autograded)
    message: str = ""     # the verdict's words, or why the notebook was not graded
    judged: bool = True   # False: the notebook could not be graded

    @property
    def failed(self):
        """The autograder gave less than full points."""
        return self.auto_score is not None and self.auto_score < self.max_score


@dataclass
class SubmissionGrades:
    student: str
    assignment: str
    status: str = "graded"
    reason: str = ""
    notes: list = field(default_factory=list)
    tests: list = field(default_factory=list)   # [CellGrade]

    @property
    def score(self):
        return sum(t.score for t in self.tests)

    @property
    def max_score(self):
        return sum(t.max_score for t in self.tests)


def read_grades(ref: GradebookRef, assignments=None):
    """Every submission in the gradebook (of ``assignments``, default all) with its grades,
    as :class:`SubmissionGrades` sorted by student then assignment; the tests of each in
    database order (callers sort them)."""
    from sqlalchemy import select
    A, SA, SN, G = api.Assignment, api.SubmittedAssignment, api.SubmittedNotebook, api.Grade
    with ref.open() as gb:
        _Tables.metadata.create_all(gb.engine)
        subs = select(SA.id, SA.student_id, A.name, SubmissionOutcome.status, SubmissionOutcome.reason,
                      SubmissionOutcome.notes).join(A, SA.assignment_id == A.id) \
            .outerjoin(SubmissionOutcome, SubmissionOutcome.submission_id == SA.id)
        grades = select(SN.assignment_id, api.Notebook.name, api.BaseCell.name, G.score, G.max_score, G.auto_score,
                        VerdictMessage.message, VerdictMessage.judged) \
            .join(SN, G.notebook_id == SN.id).join(api.Notebook, SN.notebook_id == api.Notebook.id) \
            .join(api.BaseCell, G.cell_id == api.BaseCell.id).join(SA, SN.assignment_id == SA.id) \
            .join(A, SA.assignment_id == A.id).outerjoin(VerdictMessage, VerdictMessage.grade_id == G.id)
        if assignments is not None:
            subs, grades = subs.where(A.name.in_(list(assignments))), grades.where(A.name.in_(list(assignments)))
        found = {}
        for sid, student, assignment, status, reason, notes in gb.db.execute(subs):
            found[sid] = SubmissionGrades(student, assignment, status or "graded", reason or "",
                                          notes.splitlines() if notes else [])
        for sid, notebook, cell, score, max_score, auto, message, judged in gb.db.execute(grades):
            found[sid].tests.append(CellGrade(notebook, cell, float(score or 0.0), float(max_score or 0.0),
                                              None if auto is None else float(auto), message or "",
                                              True if judged is None else bool(judged)))
    return sorted(found.values(), key=lambda s: (s.student, s.assignment))


# --- helpers ---------------------------------------------------------------------------------

def _read(path, course_id):
    """A gradebook file opened for reading, under the course it holds (so that nbgrader does
    not add a course row to a file others may be reading)."""
    url = db_url(path)
    if course_id is None:
        from sqlalchemy import create_engine, text
        engine = create_engine(url)
        try:
            with engine.connect() as con:
                ids = [row[0] for row in con.execute(text("SELECT id FROM course"))]
        finally:
            engine.dispose()
        course_id = ids[0] if len(ids) == 1 else "default_course"
    return GradebookRef(url, course_id).open()


def _alembic_on_path():
    """nbgrader runs ``alembic`` by name when it creates a database: make sure this
    interpreter's ``bin`` is on PATH (else the schema is left without its version row)."""
    bin_dir = str(Path(sys.executable).parent)
    if shutil.which("alembic") is None and (Path(bin_dir) / "alembic").exists():
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


@contextlib.contextmanager
def _quiet():
    """nbgrader's ORM code trips SQLAlchemy autoflush warnings; the rows are right."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        yield


def _hide_password(url):
    from sqlalchemy.engine import make_url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url
