"""Keep the tools hidden tests rely on out of a student's reach.

Student cells and test cells share one kernel, so a solution cell can rebind ``np.allclose``,
``builtins.abs``, ``AssertionError`` or a helper of :mod:`coursekit.checks`.  :func:`install`
takes a snapshot of those modules' namespaces and registers an IPython ``pre_run_cell`` hook
that puts every snapshotted name back before each cell runs.  Honest code never notices:
it sees the same objects it imported.

The autograder installs the guard when the kernel starts (before any notebook cell can run);
each notebook's first cell installs it too, so that a student's own run behaves the same.
The first installation wins: a later call never snapshots patched modules.
"""
import builtins
import importlib
import sys

#: Modules whose namespaces are restored before every cell.
PROTECTED_MODULES = (
    "builtins",
    "math",
    "numpy",
    "numpy.linalg",
    "numpy.testing",
    "numpy.random",
    "coursekit.checks",
    "coursekit.guard",
)

_installed = {}  # shell id -> snapshot; module-level so a re-import does not reset it


def _take_snapshot():
    """Return ``{name: (module, dict_copy)}`` for every importable protected module."""
    snapshot = {}
    for name in PROTECTED_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # e.g. no numpy in a bare interpreter
            continue
        snapshot[name] = (module, dict(module.__dict__))
    return snapshot


def restore(snapshot, user_ns=None):
    """Put back every module object and every name recorded in ``snapshot``.

    ``user_ns``, when given, gets the real builtins module back as ``__builtins__``.
    """
    for name, (module, names) in snapshot.items():
        sys.modules[name] = module
        namespace = module.__dict__
        for key, value in names.items():
            if namespace.get(key, _missing) is not value:
                namespace[key] = value
    if user_ns is not None:
        user_ns["__builtins__"] = snapshot["builtins"][0]


class _Missing:
    pass


_missing = _Missing()


#: Names a test cell gives its trusted helpers (what ``autograder.trusted`` inlines for a
#: ``trusted_helpers = checks.trusted(...)`` directive: ``_trusted_<name>`` functions and the
#: ``trusted_helpers`` dict); they must not outlive the cell (a later solution cell could call a
#: trusted version of a function it is graded on).
TRUSTED_PREFIXES = ("_trusted_", "trusted_helpers")


def forget_trusted(user_ns):
    """Delete the trusted helpers an earlier test cell left in the notebook's namespace."""
    for name in [n for n in user_ns if isinstance(n, str) and n.startswith(TRUSTED_PREFIXES)]:
        del user_ns[name]


def install(shell=None):
    """Snapshot the protected modules now and restore them before every later cell.

    Returns True if a hook was registered by this call, False if there is no IPython shell
    (plain Python) or the guard was already installed in this shell.
    """
    if shell is None:
        get_ipython = getattr(builtins, "get_ipython", None)
        shell = get_ipython() if get_ipython else None
    if shell is None or id(shell) in _installed:
        return False
    snapshot = _take_snapshot()
    _installed[id(shell)] = snapshot

    def _before_cell(*_args):
        restore(snapshot, shell.user_ns)
        forget_trusted(shell.user_ns)

    shell.events.register("pre_run_cell", _before_cell)
    return True


def installed(shell=None):
    """True when this IPython shell already has the guard."""
    if shell is None:
        get_ipython = getattr(builtins, "get_ipython", None)
        shell = get_ipython() if get_ipython else None
    return shell is not None and id(shell) in _installed
