"""Sample submissions made from the course's own notebooks (see docs/authoring.md).

- ``reference``: the release with every solution cell filled in from the source;
- ``untouched``: the release as a student receives it;
- ``buggy``: the reference with the mutants that the manifest's ``[samples] buggy`` names
  (:mod:`autograder.manifest`, :mod:`autograder.corpus`) applied, one solution cell each; each
  must lose exactly the test cells it names;
- ``variant``: the reference with, for each solution cell that has correct variants
  (``grading/variants/<cell>/``), the first by name: full marks expected.
"""
from pathlib import Path

import nbformat

from .course import CourseError
from .notebook import nbgrader_meta

KINDS = ("reference", "untouched", "buggy", "variant")


def buggy_mutants(course, assignment):
    """The :class:`~autograder.corpus.Candidate` mutants of the buggy sample, in the
    manifest's order ([] when it names none); :class:`CourseError` for a name the corpus does not
    have or a mutant that cannot be made."""
    from .corpus import load_corpus
    from .manifest import load_manifest
    names = load_manifest(course, assignment).buggy
    if not names:
        return []
    mutants = {c.key: c for c in load_corpus(course, assignment) if c.kind == "mutant"}
    chosen = []
    for name in names:
        mutant = mutants.get(name)
        if mutant is None:
            raise CourseError(f"{assignment}: the manifest's buggy sample names {name}, "
                              "which grading/mutants.toml does not define")
        if mutant.error:
            raise CourseError(f"{assignment}: buggy sample mutant {name}: {mutant.error}")
        chosen.append(mutant)
    return chosen


def variants(course, assignment):
    """``{solution cell: source}``: the first correct variant (by name) of each cell that has one."""
    from .corpus import load_corpus
    first = {}
    for candidate in load_corpus(course, assignment):
        if candidate.kind == "variant" and not candidate.error:
            first.setdefault(candidate.cell, candidate.source)
    return first


def replacements_for(course, assignment, kind):
    """The solution cells a sample kind replaces: ``{grade_id: source}``."""
    if kind == "buggy":
        return {m.cell: m.source for m in buggy_mutants(course, assignment)}
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
