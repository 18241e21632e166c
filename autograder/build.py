"""Stage 1: ``assignments/`` → ``release/`` and ``bundles/``, and proof that the release gives
nothing away.

First the notebook's test-cell points must add up to the manifest's ``points``
(:mod:`autograder.manifest`).  ``nbgrader generate_assignment`` writes the student version and records the assignment in the
gradebook; :func:`verify_release` then checks every release notebook: no outputs, every
solution region reduced to the stub, no hidden test line left.  Last, the reference solution
runs its own tests and what it hands out becomes the grader's expected values
(:mod:`autograder.expected`), bundled with the rest of what grading needs
(:mod:`autograder.bundle`).
"""
import nbformat

from .course import Course, CourseError, run_nbgrader
from .bundle import build_bundle
from .expected import make_expected
from .manifest import load_manifest
from .notebook import hidden_test_lines, is_grade, is_solution, nbgrader_meta, solution_regions, STUB_BODY


def build(course: Course, assignments=None, *, log=print):
    """Generate the release of each assignment (all by default) and verify it.

    Raises :class:`CourseError` naming every problem found."""
    problems = []
    for assignment in course.check_assignments(assignments):
        found = check_points(course, assignment)
        if found:
            problems += found
            log(f"build {assignment}: {found[0]}")
            continue
        proc = run_nbgrader(["generate_assignment", assignment, "--force"], course.root)
        if proc.returncode != 0:
            raise CourseError(f"nbgrader generate_assignment {assignment} failed:\n{proc.stdout}")
        found = verify_release(course, assignment)
        problems += found
        if not found:
            make_expected(course, assignment, log=log)
            build_bundle(course, assignment)
        log(f"build {assignment}: {'ok' if not found else f'{len(found)} problem(s)'}")
    if problems:
        raise CourseError("release check failed:\n  " + "\n  ".join(problems))


def check_points(course: Course, assignment):
    """[] when the notebooks' graded cells add up to the manifest's ``points`` (or it sets none);
    else the problem, in one sentence."""
    expected = load_manifest(course, assignment).points
    if expected is None:
        return []
    total = sum(nbgrader_meta(c).get("points", 0) for path in course.notebooks(assignment)
                for c in nbformat.read(path, as_version=4).cells if is_grade(c))
    if total != expected:
        return [f"{assignment}: the notebook's test cells are worth {total:g} points, "
                f"the manifest says points = {expected:g}; change one of them"]
    return []


def verify_release(course: Course, assignment):
    """Return a list of problems (empty when clean) in ``release/<assignment>``."""
    problems = []
    for source_path in course.notebooks(assignment):
        release_path = course.release_dir / assignment / source_path.name
        where = f"{assignment}/{source_path.name}"
        if not release_path.exists():
            problems.append(f"{where}: missing from release/")
            continue
        source = nbformat.read(source_path, as_version=4)
        release = nbformat.read(release_path, as_version=4)
        released = {_grade_id(c): c for c in release.cells if _grade_id(c)}
        for cell in release.cells:
            if cell.cell_type == "code" and cell.get("outputs"):
                problems.append(f"{where}: a cell has outputs")
            if "BEGIN HIDDEN TESTS" in cell.source or "END HIDDEN TESTS" in cell.source:
                problems.append(f"{where}: hidden-test markers left in a cell")
        for cell in source.cells:
            cell_id = _grade_id(cell)
            if not cell_id:
                continue
            out = released.get(cell_id)
            if out is None:
                problems.append(f"{where}: cell {cell_id} missing from the release")
                continue
            if is_solution(cell) and cell.cell_type == "code":
                regions = solution_regions(out.source)
                expected = len(solution_regions(cell.source))
                if len(regions) != expected or any(r != STUB_BODY for r in regions):
                    problems.append(f"{where}: solution cell {cell_id} still holds solution code")
            if is_grade(cell) and not is_solution(cell):
                leaked = hidden_test_lines(cell.source) & set(_lines(out.source))
                if leaked:
                    problems.append(f"{where}: test cell {cell_id} leaks hidden lines: {sorted(leaked)[:3]}")
    return problems


def _grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _lines(source):
    return [line.strip() for line in source.splitlines() if line.strip()]
