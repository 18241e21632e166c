"""An assignment's manifest: ``assignments/<id>/manifest.toml``, next to its notebook.

Read by ``build`` (the points check), :mod:`autograder.bundle` (grading limits),
:mod:`autograder.validate` (the buggy sample) and ``benchmarks/`` (time budgets).  Never
released: ``nbgrader_config.py`` ignores it.  Every table and key is optional::

    points = 100                # total of the notebook's test-cell points; build fails otherwise

    [limits]                    # copied into the grading bundle (autograder.bundle.GradingLimits)
    timeout_s = 300             # the whole grading of one submission
    cell_timeout_s = 120        # one cell
    memory_mb = 6144            # data memory of the grading kernel (0: no cap)
    pids = 0                    # processes + threads of the kernel (0: the sandbox default)
    cpus = 0                    # CPU cores of the kernel at once (0: the sandbox default)

    [budgets]                   # checked by benchmarks/autograde_time.py
    autograde_s = 15            # median sandboxed `nbgrader autograde` of the reference, 2 cores

    [samples]
    buggy = ["conv_forward.stride_ignored"]   # mutants of grading/mutants.toml (autograder.corpus)

``manifest.json`` with the same structure is read instead when there is no ``.toml``.
"""
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .course import Course, CourseError

MANIFEST_NAMES = ("manifest.toml", "manifest.json")
#: Keys of ``[budgets]``: seconds.
BUDGET_KEYS = ("autograde_s",)


@dataclass(frozen=True)
class Manifest:
    assignment: str
    path: Path = None                  # None: no manifest, every default
    points: float = None               # None: not checked
    limits: object = None              # an autograder.bundle.GradingLimits
    budgets: dict = field(default_factory=dict)
    buggy: tuple = ()                  # "<solution cell>.<mutant>" names


def manifest_path(course: Course, assignment):
    """The manifest file of ``assignment``, or None."""
    folder = course.source_dir / assignment
    found = [folder / name for name in MANIFEST_NAMES if (folder / name).exists()]
    if len(found) > 1:
        raise CourseError(f"{assignment}: both {found[0].name} and {found[1].name}; keep one")
    return found[0] if found else None


def load_manifest(course: Course, assignment) -> Manifest:
    """The manifest of ``assignment`` (every default when it has none).

    Raises :class:`CourseError` on a file that does not parse, an unknown table or key, or a
    value of the wrong kind."""
    from .bundle import GradingLimits
    path = manifest_path(course, assignment)
    if path is None:
        return Manifest(assignment, limits=GradingLimits())
    try:
        data = tomllib.loads(path.read_text()) if path.suffix == ".toml" else json.loads(path.read_text())
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise CourseError(f"{path}: {exc}") from None
    check_keys(data, ("points", "limits", "budgets", "samples"), path, hint=(
        "grading limits go under [limits]" if set(data) & {f for f in GradingLimits.__dataclass_fields__} else ""))
    points = data.get("points")
    if points is not None and (isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0):
        raise CourseError(f"{path}: points must be a positive number, not {points!r}")
    limits = GradingLimits.from_dict(_table(data, "limits", path), f"{path} [limits]")
    budgets = _table(data, "budgets", path)
    check_keys(budgets, BUDGET_KEYS, f"{path} [budgets]")
    bad = [k for k, v in budgets.items() if isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0]
    if bad:
        raise CourseError(f"{path} [budgets]: {', '.join(bad)} must be positive numbers of seconds")
    samples = _table(data, "samples", path)
    check_keys(samples, ("buggy",), f"{path} [samples]")
    buggy = samples.get("buggy", [])
    if not isinstance(buggy, list) or not all(isinstance(b, str) and b.count(".") == 1 for b in buggy):
        raise CourseError(f"{path} [samples]: buggy must be a list of \"<solution cell>.<mutant>\" names")
    cells = [b.split(".")[0] for b in buggy]
    if len(set(cells)) != len(cells):
        raise CourseError(f"{path} [samples]: buggy names one mutant per solution cell at most")
    return Manifest(assignment, path, points, limits, dict(budgets), tuple(buggy))


def _table(data, name, path):
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise CourseError(f"{path}: {name} must be a table ([{name}])")
    return table


def check_keys(data, keys, where, hint=""):
    """:class:`CourseError` naming the keys of ``data`` not in ``keys`` (a typo in a manifest,
    a limits table or a mutant entry must never be ignored)."""
    unknown = sorted(set(data) - set(keys))
    if unknown:
        raise CourseError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(keys)}"
                          + (f" ({hint})" if hint else ""))
