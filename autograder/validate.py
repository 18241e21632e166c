"""Stage 2: prove the assignments grade correctly, through the real grading pipeline.

For every assignment, sample students are graded (see :mod:`autograder.samples`): the
reference solution and the correct-variant sample must earn every point of every test cell,
the untouched release none, and the buggy sample must lose exactly the test cells its mutants
name (``loses``, see :mod:`autograder.corpus`) — no more.
"""
import tempfile
from pathlib import Path

from . import samples
from .course import Course
from .grade import grade


def validate(course: Course, assignments=None, *, out_dir=None, jobs=1, sandbox=True, log=print):
    """Grade the samples of each assignment; return ``(problems, results)``.

    ``problems`` is a list of sentences, empty when every check holds."""
    assignments = course.check_assignments(assignments)
    with tempfile.TemporaryDirectory(prefix="validate-") as tmp:
        out_dir = Path(out_dir or tmp)
        submissions = out_dir / "submissions"
        for assignment in assignments:
            for kind in samples.KINDS:
                if kind in ("buggy", "variant") and not samples.replacements_for(course, assignment, kind):
                    continue
                samples.write_submission(course, assignment, kind, submissions / kind / assignment)
        results = grade(course, submissions, out_dir, assignments=assignments,
                        db_path=out_dir / "gradebook.db", jobs=jobs, sandbox=sandbox, log=log)
    problems = []
    for r in results:
        problems += check_result(r, samples.buggy_mutants(course, r.assignment))
    return problems, results


def check_result(result, buggy):
    """What is wrong with one sample's grades (a list of sentences); ``buggy``: the mutants of
    the buggy sample."""
    where = f"{result.student}/{result.assignment}"
    if result.status != "graded":
        return [f"{where}: not graded ({result.reason})"]
    if "no feedback could be generated" in result.reason:
        return [f"{where}: {result.reason}"]
    must_fail = {cell for mutant in buggy for cell in mutant.loses}
    problems = []
    for notebook, cells in result.max_scores.items():
        for cell, max_score in cells.items():
            score = result.scores.get(notebook, {}).get(cell) or 0.0
            if result.student in ("reference", "variant") and score != max_score:
                problems.append(f"{where}: {result.student} solution scores {score:g}/{max_score:g} on {cell}")
            elif result.student == "untouched" and score != 0:
                problems.append(f"{where}: untouched release scores {score:g}/{max_score:g} on {cell}")
            elif result.student == "buggy":
                if cell in must_fail and score == max_score:
                    problems.append(f"{where}: the bug meant for {cell} is not caught")
                elif cell not in must_fail and score != max_score:
                    problems.append(f"{where}: {cell} loses points for a bug elsewhere ({score:g}/{max_score:g})")
    return problems
