"""Sample submissions made from the course's own notebooks (see docs/authoring.md).

- ``reference``: the release with every solution cell filled in from the source;
- ``untouched``: the release as a student receives it;
- ``buggy``: the reference with the cells of ``autograder/samples/<assignment>.py``'s ``BUGS``
  replaced by realistic mistakes (each names the test cells it must fail);
- ``variant``: the reference with, for each solution cell that has ``VARIANTS`` (see
  :mod:`autograder.corpus`), its first other correct implementation: full marks expected.
"""
import runpy
from pathlib import Path

import nbformat

from ..notebook import nbgrader_meta

KINDS = ("reference", "untouched", "buggy", "variant")


def bugs(course, assignment):
    """The ``BUGS`` dict of ``<course>/autograder/samples/<assignment>.py`` ({} when absent)."""
    path = course.root / "autograder" / "samples" / f"{assignment}.py"
    if not path.exists():
        return {}
    return dict(runpy.run_path(str(path)).get("BUGS", {}))


def variants(course, assignment):
    """``{solution cell: source}``: the first correct variant of each cell that has one."""
    from ..corpus import load_corpus
    first = {}
    for candidate in load_corpus(course, assignment):
        if candidate.kind == "variant":
            first.setdefault(candidate.cell, candidate.source)
    return first


def replacements_for(course, assignment, kind):
    """The solution cells a sample kind replaces: ``{grade_id: source}``."""
    if kind == "buggy":
        return {cell: bug["source"] for cell, bug in bugs(course, assignment).items()}
    if kind == "variant":
        return variants(course, assignment)
    return {}


def write_submission(course, assignment, kind, dest: Path, replacements=None):
    """Write the ``kind`` sample of ``assignment`` into folder ``dest``.

    ``replacements`` ({solution grade_id: source}) overrides solution cells; by default the
    kind's own (see :func:`replacements_for`)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    if replacements is None:
        replacements = replacements_for(course, assignment, kind)
    replacements = dict(replacements)
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
