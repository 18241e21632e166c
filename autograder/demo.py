"""The instructor's tour: build the release, then grade three sample students per assignment
through the real pipeline and show who earned what.

Output goes to ``demo/`` (its own gradebook, feedback and CSVs); the course gradebook only
gets the assignment definitions written by ``build``.
"""
import shutil
import time
from pathlib import Path

from .build import build
from .course import Course, CourseError
from .report import score_table
from .validate import validate


def demo(course: Course, assignments=None, *, out_dir=None, jobs=1, sandbox=True, log=print):
    """Run the demo; raise :class:`CourseError` if any sample is graded wrongly."""
    started = time.monotonic()
    out_dir = Path(out_dir or course.root / "demo")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    build(course, assignments, log=log)
    problems, results = validate(course, assignments, out_dir=out_dir, jobs=jobs, sandbox=sandbox, log=log)
    log("")
    log(score_table(results))
    log("")
    log("students: reference = the solution notebook, untouched = the release as handed out, "
        "buggy = the solution with realistic bugs, variant = other correct implementations "
        "(assignments/<id>/grading/, named in manifest.toml)")
    log(f"feedback pages: {out_dir / 'feedback'}   grades: {out_dir / 'grades.csv'}")
    if problems:
        raise CourseError("the samples were graded wrongly:\n  " + "\n  ".join(problems))
    log(f"demo passed in {time.monotonic() - started:.0f} s: every sample graded as expected")
    return results
