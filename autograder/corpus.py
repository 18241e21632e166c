"""Is the grader right?  Run a corpus of wrong and of correct implementations through the
notebook's own test cells, many per kernel.

Each assignment keeps its corpus next to its notebook, in ``assignments/<id>/grading/``
(never released: ``nbgrader_config.py`` ignores the folder):

- ``mutants.toml`` — realistic bugs, each the notebook's OWN solution cell with some edits,
  applied when the corpus loads (no copy of the solution anywhere)::

      [conv_forward.stride_ignored]            # [<solution cell grade_id>.<mutant name>]
      why = "the window start forgets the stride"
      edits = [["h * stride", "h"], ["w * stride", "w"]]   # (old, new): every old replaced, in order
      loses = ["test_conv_forward"]            # optional; default ["test_<cell>"]

  A mutant whose body is wholly different is a file instead: ``file = "mutants/<cell>/<name>.py"``
  (relative to ``grading/``), whose module docstring says why.  Each mutant must fail the test
  cells it names and, ideally, no other.
- ``variants/<cell>/<name>.py`` — other correct implementations (vectorised, fused activation,
  other layer names...), whose module docstring says why; each must pass every test cell.

The candidate's source is the file without its docstring.  An edit that no longer applies, a
missing file or an unknown solution cell is a corpus error (:func:`failures`), never a catch.

One kernel runs the source notebook (solutions and hidden tests, as under ``nbgrader
autograde``: guard installed at start-up, ``NBGRADER_EXECUTION=autograde``); what its test
cells hand out is the expected value every candidate is judged against, outside the kernel, by
:mod:`autograder.verdict` (as the grader does with the expected file made at build).  Then,
for each candidate, the candidate replaces its solution cell, its own test cells run again
(every test cell with ``all_tests``, to see collateral damage), and the reference solution
cells run again to restore the kernel.  The buggy and variant samples of
:mod:`autograder.validate` send a sample of the corpus through full ``nbgrader autograde``.
"""
import ast
import time
import tomllib
from dataclasses import dataclass, field

import nbformat

from .course import Course, CourseError
from .expected import grading_client, grading_env, reference_handouts
from .manifest import check_keys
from .notebook import is_solution, is_test, nbgrader_meta, visible_part
from .verdict import Check, judge_cell


@dataclass
class Candidate:
    assignment: str
    cell: str            # grade_id of the solution cell it replaces
    name: str
    source: str
    kind: str            # "mutant" or "variant"
    loses: tuple = ()    # for a mutant: the test cells it must fail
    why: str = ""        # what makes it wrong (a mutant) or a distinct right answer (a variant)
    error: str = ""      # it could not be made (stale edit, missing file...): a corpus error

    @property
    def key(self):
        """``<cell>.<name>``, as the manifest's ``[samples] buggy`` names a mutant."""
        return f"{self.cell}.{self.name}"


@dataclass
class Outcome:
    candidate: Candidate
    failed: list = field(default_factory=list)   # test cells the verdict failed
    errors: dict = field(default_factory=dict)   # test cell -> the verdict's message
    crashed: list = field(default_factory=list)  # failed ones that stopped with an error
    all_tests: bool = False                      # every test cell ran, not only its own
    broken: str = ""                             # the candidate's own cell raised: a corpus error
    visible_failed: list = field(default_factory=list)  # own test cells whose VISIBLE part failed

    @property
    def ok(self):
        """Mutant: fails every test it names.  Variant: fails none.  A candidate whose own
        source does not run is neither (an error of the corpus, not a catch)."""
        if self.broken:
            return False
        if self.candidate.kind == "variant":
            return not self.failed
        return set(self.candidate.loses) <= set(self.failed)

    @property
    def caught_by_check(self):
        """A caught mutant whose named tests all failed on a check, not by crashing."""
        return self.ok and self.candidate.kind == "mutant" and not set(self.candidate.loses) & set(self.crashed)

    @property
    def caught_visibly(self):
        """A mutant that the visible part of one of its tests already fails, in a student's own
        run: the student sees the bug before submitting."""
        return self.candidate.kind == "mutant" and not self.broken and bool(self.visible_failed)

    @property
    def collateral(self):
        """Test cells a mutant failed beyond the ones it names (grading one function
        should not cost another function's points); measured only with ``all_tests``."""
        return sorted(set(self.failed) - set(self.candidate.loses)) if self.candidate.kind == "mutant" else []


def grading_dir(course: Course, assignment):
    """``assignments/<assignment>/grading/``: the corpus, never released."""
    return course.source_dir / assignment / "grading"


def solution_sources(course: Course, assignment):
    """``{grade_id: source}`` of the solution code cells of the assignment's notebooks."""
    return {nbgrader_meta(c)["grade_id"]: c.source for path in course.notebooks(assignment)
            for c in nbformat.read(path, as_version=4).cells if is_solution(c) and c.cell_type == "code"}


def apply_edits(source, edits):
    """``source`` with each ``(old, new)`` applied in order (every ``old`` replaced); a
    ValueError names the first ``old`` that does not occur."""
    for number, (old, new) in enumerate(edits, 1):
        if not old or old not in source:
            raise ValueError(f"edit {number} no longer applies: {old!r} is not in the solution cell")
        source = source.replace(old, new)
    return source


def load_corpus(course: Course, assignment):
    """All :class:`Candidate` of ``grading/`` (mutants in file order, then variants by cell
    and name).  A malformed ``mutants.toml`` raises :class:`CourseError`; a candidate that
    cannot be made carries its ``error`` instead."""
    folder = grading_dir(course, assignment)
    solutions = solution_sources(course, assignment)
    return _mutants(assignment, folder, solutions) + _variants(assignment, folder, solutions)


_MUTANT_KEYS = ("why", "edits", "file", "loses")


def _mutants(assignment, folder, solutions):
    path = folder / "mutants.toml"
    if not path.exists():
        return []
    try:
        table = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise CourseError(f"{path}: {exc}") from None
    found = []
    for cell, entries in table.items():
        if not isinstance(entries, dict) or not all(isinstance(e, dict) for e in entries.values()):
            raise CourseError(f"{path}: [{cell}] must hold one table per mutant, [{cell}.<name>]")
        for name, entry in entries.items():
            where = f"{path} [{cell}.{name}]"
            check_keys(entry, _MUTANT_KEYS, where)
            if ("edits" in entry) == ("file" in entry):
                raise CourseError(f"{where}: give either edits or file")
            edits = entry.get("edits", [])
            if not isinstance(edits, list) or not all(
                    isinstance(e, list) and len(e) == 2 and all(isinstance(x, str) for x in e) for e in edits):
                raise CourseError(f"{where}: edits must be a list of [old, new] string pairs")
            loses = entry.get("loses", [f"test_{cell}"])
            if not isinstance(loses, list) or not loses or not all(isinstance(t, str) for t in loses):
                raise CourseError(f"{where}: loses must be a non-empty list of test cell names")
            candidate = Candidate(assignment, cell, name, "", "mutant", tuple(loses), why=entry.get("why", ""))
            if "file" in entry:
                candidate.why, candidate.source, candidate.error = _read_candidate_file(folder, entry["file"])
            elif not candidate.why:
                raise CourseError(f"{where}: say why it is wrong (why = ...)")
            if cell not in solutions:
                candidate.error = candidate.error or f"no solution cell {cell!r} in the notebook"
            elif "edits" in entry:
                try:
                    candidate.source = apply_edits(solutions[cell], edits)
                except ValueError as exc:
                    candidate.error = str(exc)
            found.append(candidate)
    return found


def _variants(assignment, folder, solutions):
    order = list(solutions)
    found = []
    for path in sorted((folder / "variants").glob("*/*.py")):
        cell = path.parent.name
        why, source, error = _read_candidate_file(folder, path.relative_to(folder))
        if cell not in solutions:
            error = error or f"no solution cell {cell!r} in the notebook"
        found.append(Candidate(assignment, cell, path.stem, source, "variant", why=why, error=error))
    return sorted(found, key=lambda c: (order.index(c.cell) if c.cell in order else len(order), c.name))


def _read_candidate_file(folder, relative):
    """``(why, source, error)`` of the mutant or variant file ``folder/relative``: its module
    docstring, the rest of its text, and what is wrong with it ('' when nothing)."""
    path = folder / relative
    if not path.is_file():
        return "", "", f"file {relative} is missing"
    text = path.read_text()
    try:
        body = ast.parse(text).body
    except SyntaxError as exc:
        return "", text, f"{relative} does not parse ({exc.msg}, line {exc.lineno})"
    if not (body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)):
        return "", text, f"{relative} needs a module docstring saying why"
    rest = text.splitlines(keepends=True)[body[0].end_lineno:]
    return body[0].value.value.strip(), "".join(rest).lstrip("\n"), ""


def run_corpus(course: Course, assignment, candidates, *, all_tests=False, timeout=300, sandbox=True,
               log=print):
    """Run ``candidates`` against the source notebook's test cells; return their outcomes.

    A candidate meets its own test cells (``loses``, or ``test_<cell>``); with ``all_tests``
    every test cell, so that :attr:`Outcome.collateral` is meaningful.  The kernel runs
    sandboxed (:mod:`autograder.sandbox`) unless ``sandbox=False``."""
    from .sandbox import kernel_manager_class, preflight
    from .trusted import load_source
    if sandbox:
        preflight()
    notebooks = course.notebooks(assignment)
    # a candidate that could not even be made is reported, never run
    outcomes = [Outcome(c, all_tests=all_tests, broken=c.error) for c in candidates if c.error]
    candidates = [c for c in candidates if not c.error]
    for path in notebooks:
        nb = load_source(course, assignment, path)   # hidden tests' checks.trusted(...) inlined
        cells = {nbgrader_meta(c).get("grade_id"): (i, c) for i, c in enumerate(nb.cells)}
        mine = [c for c in candidates if c.cell in cells]
        if not mine:
            continue
        tests = [(i, c) for i, c in enumerate(nb.cells) if is_test(c)]
        # one cell that re-runs every reference solution: restores whatever a candidate rebound
        restore = nbformat.v4.new_code_cell("\n\n".join(
            c.source for c in nb.cells if is_solution(c) and c.cell_type == "code"))
        client = grading_client(nb, path.parent, timeout=timeout, kernel_manager_class=kernel_manager_class(sandbox))
        started = time.monotonic()
        with client.setup_kernel(env=grading_env()):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
            # what the reference hands out here is what every candidate is judged against
            expected = {cell: [Check.from_record(r) for r in records] for cell, records in
                        reference_handouts(nb, f"{assignment}/{path.name}").items()}
            for candidate in mine:
                index, _ = cells[candidate.cell]
                trial = nbformat.v4.new_code_cell(candidate.source)
                client.execute_cell(trial, index)
                outcome = Outcome(candidate, all_tests=all_tests, broken=_error(trial))
                own = set(candidate.loses) or {f"test_{candidate.cell}"}
                for t_index, test in tests:
                    if not all_tests and nbgrader_meta(test)["grade_id"] not in own:
                        continue
                    run = nbformat.v4.new_code_cell(test.source, metadata=test.metadata)
                    client.execute_cell(run, t_index)
                    name = nbgrader_meta(test)["grade_id"]
                    verdict = judge_cell(expected[name], run)
                    if not verdict.passed:
                        outcome.failed.append(name)
                        outcome.errors[name] = verdict.message[:200]
                        if verdict.crashed:
                            outcome.crashed.append(name)
                if candidate.kind == "mutant":
                    _run_visible(client, [(i, t) for i, t in tests if nbgrader_meta(t)["grade_id"] in own],
                                 outcome, index)
                client.execute_cell(restore, index)
                if _error(restore):
                    raise RuntimeError(f"{assignment}: restoring the reference after {candidate.name} failed")
                restore.outputs = []
                outcomes.append(outcome)
        log(f"{assignment}/{path.name}: {len(mine)} candidates in {time.monotonic() - started:.0f} s")
    return outcomes


_AS_STUDENT = "import os\nos.environ['NBGRADER_EXECUTION'] = 'validate'"
_AS_GRADER = "import os\nos.environ['NBGRADER_EXECUTION'] = 'autograde'"


def _run_visible(client, tests, outcome, index):
    """Run the visible part of ``tests`` as in a student's own run (checks raise in the
    kernel); record which fail."""
    client.execute_cell(nbformat.v4.new_code_cell(_AS_STUDENT), index)
    for t_index, test in tests:
        run = nbformat.v4.new_code_cell(visible_part(test.source), metadata=test.metadata)
        client.execute_cell(run, t_index)
        if _error(run):
            outcome.visible_failed.append(nbgrader_meta(test)["grade_id"])
    client.execute_cell(nbformat.v4.new_code_cell(_AS_GRADER), index)


def _error(cell):
    """The last line of the cell's error, or '' when it ran cleanly."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.get('ename')}: {output.get('evalue', '')}"[:200]
    return ""


def report(outcomes, markdown=False):
    """Per (assignment, solution cell): mutants caught / total, of which caught by a check
    (not by a crash), caught already by the visible tests of a student's own run, collateral
    ("-" unless measured, with ``all_tests``), variants accepted / total.  Text, or Markdown
    for the README."""
    rows = {}
    for o in outcomes:
        c = o.candidate
        row = rows.setdefault((c.assignment, c.cell), [0, 0, 0, 0, 0, 0, 0])
        if c.kind == "mutant":
            row[0] += o.ok
            row[1] += 1
            row[2] += o.caught_by_check
            row[3] += o.caught_visibly
            row[4] += bool(o.collateral)
        else:
            row[5] += o.ok
            row[6] += 1
    totals = [sum(column) for column in zip(*rows.values())] if rows else [0] * 7
    body = sorted(rows.items()) + [(("TOTAL", ""), totals)]
    cells = [(key, [f"{r[0]}/{r[1]}", f"{r[2]}", f"{r[3]} ({100 * r[3] // max(r[1], 1)}%)",
                    f"{r[4]}" if all(o.all_tests for o in outcomes) else "-", f"{r[5]}/{r[6]}"])
             for key, r in body]
    headers = ["mutants caught", "by a check", "by visible tests", "with collateral", "variants accepted"]
    if markdown:
        lines = ["| assignment | function | " + " | ".join(headers) + " |",
                 "| --- | --- | " + " | ".join("---:" for _ in headers) + " |"]
        for (assignment, cell), r in cells:
            lines.append(f"| {assignment} | {'`' + cell + '`' if cell else ''} | " + " | ".join(r) + " |")
        return "\n".join(lines)
    a = max(len("assignment"), *(len(k[0]) for k, _ in cells))
    f = max(len("function"), *(len(k[1]) for k, _ in cells))
    lines = [f"{'assignment':<{a}}  {'function':<{f}}  " + "  ".join(headers)]
    for (assignment, cell), r in cells:
        lines.append(f"{assignment:<{a}}  {cell:<{f}}  " + "  ".join(v.rjust(len(h)) for v, h in zip(r, headers)))
    return "\n".join(lines)


def failures(outcomes):
    """Sentences for every mutant not caught, every variant rejected and every candidate
    that does not even run."""
    out = []
    for o in outcomes:
        c = o.candidate
        if c.error:
            out.append(f"corpus error: {c.kind} {c.assignment}/{c.cell}/{c.name}: {c.error}")
        elif o.broken:
            out.append(f"corpus error: {c.kind} {c.assignment}/{c.cell}/{c.name} does not run ({o.broken})")
        elif not o.ok and c.kind == "mutant":
            out.append(f"mutant {c.assignment}/{c.cell}/{c.name} passes {sorted(set(c.loses) - set(o.failed))}")
        elif not o.ok:
            out.append(f"variant {c.assignment}/{c.cell}/{c.name} fails " +
                       "; ".join(f"{t} ({o.errors[t]})" for t in o.failed))
    return out
