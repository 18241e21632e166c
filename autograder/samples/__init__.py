"""Sample submissions made from the course's own notebooks (see docs/authoring.md).

- ``reference``: the release with every solution cell filled in from the source;
- ``untouched``: the release as a student receives it;
- ``buggy``: the reference with the cells of ``autograder/samples/<assignment>.py``'s ``BUGS``
  replaced by realistic mistakes (each names the test cells it must fail).
"""
import runpy
from pathlib import Path

import nbformat

from ..notebook import nbgrader_meta

KINDS = ("reference", "untouched", "buggy")


def bugs(course, assignment):
    """The ``BUGS`` dict of ``<course>/autograder/samples/<assignment>.py`` ({} when absent)."""
    path = course.root / "autograder" / "samples" / f"{assignment}.py"
    if not path.exists():
        return {}
    return dict(runpy.run_path(str(path)).get("BUGS", {}))


def write_submission(course, assignment, kind, dest: Path, replacements=None):
    """Write the ``kind`` sample of ``assignment`` into folder ``dest``.

    ``replacements`` ({solution grade_id: source}) overrides solution cells; with kind
    ``buggy`` it defaults to the assignment's ``BUGS``."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    if kind == "buggy" and replacements is None:
        replacements = {cell: bug["source"] for cell, bug in bugs(course, assignment).items()}
    replacements = dict(replacements or {})
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    for source_path in course.notebooks(assignment):
        release = nbformat.read(course.release_dir / assignment / source_path.name, as_version=4)
        if kind != "untouched":
            solutions = {nbgrader_meta(c).get("grade_id"): c.source
                         for c in nbformat.read(source_path, as_version=4).cells
                         if nbgrader_meta(c).get("solution")}
            for cell in release.cells:
                cell_id = nbgrader_meta(cell).get("grade_id")
                if cell_id in replacements:
                    cell.source = replacements.pop(cell_id)
                elif cell_id in solutions:
                    cell.source = solutions[cell_id]
        nbformat.write(release, dest / source_path.name)
    if replacements:
        raise KeyError(f"{assignment}: no solution cell named {', '.join(replacements)}")
    return dest
