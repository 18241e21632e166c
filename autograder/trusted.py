"""Known-good helpers for hidden tests, from one module per assignment, inlined at grading time.

A test cell that grades ``g`` while ``g`` may call the student's ``f`` swaps in a known-good
``f`` (``checks.substituted``).  Those known-good functions live in
``assignments/<id>/grading/trusted.py`` (never released), and a hidden block asks for them::

    trusted_helpers = {}
    ### BEGIN HIDDEN TESTS
    trusted_helpers = checks.trusted("zero_pad", "conv_single_step")
    ### END HIDDEN TESTS

Wherever hidden tests run for grading (nbgrader autograde through
:class:`autograder.nbgrader_ext.InlineTrusted`, ``build``'s reference run, the corpus), the
directive is replaced *before* the cell reaches the kernel by the source of the requested
functions and of the functions of ``trusted.py`` they call, each renamed ``_trusted_<name>``
(references between them renamed too), preceded by the module's imports and followed by
``trusted_helpers = dict(zero_pad=_trusted_zero_pad, ...)`` (the requested names only).  The
code exists in the kernel only inside the hidden test cell, and the guard deletes every
``_trusted_*`` name before the next cell (:func:`coursekit.guard.forget_trusted`): no module a
student's code could import.  An unexpanded directive in a source notebook run by an
instructor loads the module itself (:func:`coursekit.checks.trusted`).

``trusted.py`` holds a docstring, imports and function definitions, nothing else; a function
may use only its own names, builtins, the module's imports and the module's functions.
"""
import ast
import builtins
import copy
from pathlib import Path

import nbformat

from coursekit.checks import TRUSTED_FILE

from .course import Course, CourseError
from .notebook import BEGIN_HIDDEN, END_HIDDEN, is_test, nbgrader_meta, split_hidden

#: Where an assignment keeps its trusted module, relative to its source folder.
TRUSTED_PATH = Path(TRUSTED_FILE)   # where checks.trusted looks too
#: What an expanded function is called in the cell (``coursekit.guard`` forgets such names).
PREFIX = "_trusted_"
#: The one name a directive may assign (``coursekit.guard`` forgets it after the cell).
TARGET = "trusted_helpers"
_BUILTINS = frozenset(dir(builtins))


def trusted_file(course: Course, assignment) -> Path:
    """``assignments/<assignment>/grading/trusted.py`` (which may not exist)."""
    return course.source_dir / assignment / TRUSTED_PATH


class TrustedModule:
    """The parsed ``trusted.py``: its imports and its functions, checked."""

    def __init__(self, text, where="trusted.py"):
        self.where = where
        try:
            tree = ast.parse(text, filename=str(where))
        except SyntaxError as exc:
            raise CourseError(f"{where}: {exc}") from None
        self.imports, self.functions = [], {}
        body = tree.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]   # the module's docstring
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if self.functions:
                    raise CourseError(f"{where}:{node.lineno}: put the imports at the top, before the functions")
                self.imports.append(node)
            elif isinstance(node, ast.FunctionDef):
                if node.decorator_list:
                    raise CourseError(f"{where}:{node.lineno}: {node.name} has a decorator; trusted functions "
                                      "are plain functions")
                if node.name in self.functions:
                    raise CourseError(f"{where}:{node.lineno}: {node.name} is defined twice")
                self.functions[node.name] = node
            else:
                raise CourseError(f"{where}:{node.lineno}: trusted.py holds imports and function definitions "
                                  f"only, not a {type(node).__name__}")
        self.imported = {(alias.asname or alias.name).split(".")[0]
                         for node in self.imports for alias in node.names}
        self.calls = {name: self._check_names(fn) for name, fn in self.functions.items()}

    @classmethod
    def read(cls, path):
        path = Path(path)
        try:
            return cls(path.read_text(), path)
        except FileNotFoundError:
            raise CourseError(f"{path} does not exist; a hidden test asks for trusted functions "
                              "(checks.trusted) that only it can give") from None

    def _check_names(self, fn):
        """The module's functions ``fn`` uses; :class:`CourseError` when it uses a name that
        neither it, the builtins, the imports nor the module define (it would come from the
        notebook, where a student's code could set it), or rebinds a module-level name."""
        bound = set()
        for node in ast.walk(fn):
            if isinstance(node, ast.arg):
                bound.add(node.arg)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                bound.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node is not fn:
                bound.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                bound.update((a.asname or a.name).split(".")[0] for a in node.names)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                bound.add(node.name)
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                raise CourseError(f"{self.where}:{node.lineno}: {fn.name} uses global/nonlocal; "
                                  "trusted functions keep to their own names")
        clash = sorted(bound & (set(self.functions) | self.imported))
        if clash:
            raise CourseError(f"{self.where}:{fn.lineno}: {fn.name} binds {', '.join(clash)}, a name the "
                              "module defines or imports; rename it")
        used = {node.id for node in ast.walk(fn) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
        unknown = sorted(used - bound - _BUILTINS - self.imported - set(self.functions))
        if unknown:
            raise CourseError(f"{self.where}:{fn.lineno}: {fn.name} uses {', '.join(unknown)}, which "
                              "trusted.py neither defines nor imports")
        return used & set(self.functions)

    def closure(self, names):
        """``names`` and every function of the module they call, directly or not, in the
        module's order; :class:`CourseError` for a name the module does not define."""
        unknown = [n for n in names if n not in self.functions]
        if unknown:
            known = ", ".join(self.functions) or "none"
            raise CourseError(f"{self.where}: no trusted function {', '.join(map(repr, unknown))} (defined: {known})")
        wanted, todo = set(), list(names)
        while todo:
            name = todo.pop()
            if name not in wanted:
                wanted.add(name)
                todo.extend(self.calls[name])
        return [n for n in self.functions if n in wanted]

    def inline(self, names):
        """Source defining ``names`` (and what they call) as ``_trusted_<name>``, then the dict."""
        renamer = _Rename(set(self.functions))
        parts = [ast.unparse(node) for node in self.imports]
        for name in self.closure(names):
            parts.append(ast.unparse(renamer.visit(copy.deepcopy(self.functions[name]))))
        pairs = ", ".join(f"{n}={PREFIX}{n}" for n in names)
        parts.append(f"{TARGET} = dict({pairs})")
        return "\n".join(parts)


class _Rename(ast.NodeTransformer):
    """``f`` → ``_trusted_f`` for the module's functions: their definitions and every use."""

    def __init__(self, names):
        self.names = names

    def visit_FunctionDef(self, node):
        if node.name in self.names:
            node.name = PREFIX + node.name
        self.generic_visit(node)
        return node

    def visit_Name(self, node):
        if node.id in self.names:
            node.id = PREFIX + node.id
        return node


# ----------------------------------------------------------------------------- directives

def _is_directive(node):
    """A call of ``checks.trusted``."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "trusted"
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "checks")


def find_directives(source, where="cell"):
    """``[(first line, last line, indentation, [names])]`` of each directive in ``source``
    (lines numbered from 1), checked: the form ``trusted_helpers = checks.trusted("f", ...)``,
    alone on its lines, inside a hidden-test block."""
    if "trusted" not in source:
        return []
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise CourseError(f"{where}: cannot read the cell ({exc.msg}, line {exc.lineno})") from None
    lines = source.splitlines()
    hidden = {number for number, _, inside in split_hidden(source) if inside}
    statements = {id(node.value): node for node in ast.walk(tree) if isinstance(node, ast.Assign)}
    found = []
    for call in ast.walk(tree):
        if not _is_directive(call):
            continue
        stmt = statements.get(id(call))
        shown = f"{where}, line {call.lineno}"
        if stmt is None or len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name) \
                or stmt.targets[0].id != TARGET:
            raise CourseError(f"{shown}: write the directive as `{TARGET} = checks.trusted(\"f\", ...)`")
        if call.keywords or not call.args or not all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args):
            raise CourseError(f"{shown}: checks.trusted takes the function names as string literals")
        first, last = stmt.lineno, stmt.end_lineno
        if lines[first - 1][:stmt.col_offset].strip() or _code_after(lines[last - 1][stmt.end_col_offset:]):
            raise CourseError(f"{shown}: the directive must stand alone on its lines")
        if not all(n in hidden for n in range(first, last + 1)):
            raise CourseError(f"{shown}: checks.trusted(...) outside a hidden-test block "
                              f"({BEGIN_HIDDEN} ... {END_HIDDEN}); it would reach the students")
        names = [a.value for a in call.args]
        if len(set(names)) != len(names):
            raise CourseError(f"{shown}: a function is requested twice")
        found.append((first, last, lines[first - 1][:stmt.col_offset], names))
    return sorted(found)


def _code_after(rest):
    rest = rest.strip()
    return bool(rest) and not rest.startswith("#")


def expand_source(source, trusted, *, graded=None, where="cell"):
    """``source`` with each directive replaced by the inlined trusted functions (see the module
    docstring).  ``trusted`` is the path of ``trusted.py`` or a :class:`TrustedModule`; it is
    read only when the source has a directive.  ``graded``, the function the cell grades (its
    ``test_<name>``), must not be among the inlined functions."""
    directives = find_directives(source, where)
    if not directives:
        return source
    module = trusted if isinstance(trusted, TrustedModule) else TrustedModule.read(trusted)
    lines = source.splitlines()
    for first, last, indent, names in reversed(directives):
        included = module.closure(names)
        if graded in included:
            callers = [n for n in names if graded in module.closure([n])]
            via = "" if graded in names else f" (through {', '.join(callers)})"
            raise CourseError(f"{where}: a test of {graded} receives a trusted copy of {graded}{via}; "
                              "a test cell never gets the function it grades")
        block = [indent + line if line else line for line in module.inline(names).splitlines()]
        lines[first - 1:last] = block
    return "\n".join(lines) + ("\n" if source.endswith("\n") else "")


def graded_function(cell):
    """``f`` for a test cell ``test_f``, else None."""
    grade_id = nbgrader_meta(cell).get("grade_id") or ""
    return grade_id[len("test_"):] if grade_id.startswith("test_") else None


def expand_notebook(nb, trusted, *, where="notebook"):
    """Expand the directives of ``nb``'s test cells in place; return ``nb``.

    Only test cells (graded, not solutions, with a grade_id: under autograde, those nbgrader
    restored from the gradebook) are expanded: a directive a student writes in a cell of their
    own stays a call, which raises while grading."""
    module = None
    for cell in nb.cells:
        if not (is_test(cell) and nbgrader_meta(cell).get("grade_id")):
            continue
        label = f"{where}: {nbgrader_meta(cell)['grade_id']}"
        if not find_directives(cell.source, label):
            continue
        if module is None:
            module = trusted if isinstance(trusted, TrustedModule) else TrustedModule.read(trusted)
        cell.source = expand_source(cell.source, module, graded=graded_function(cell), where=label)
    return nb


def load_source(course: Course, assignment, path):
    """The source notebook ``path`` of ``assignment``, its directives expanded (nbformat v4)."""
    nb = nbformat.read(path, as_version=4)
    return expand_notebook(nb, trusted_file(course, assignment), where=f"{assignment}/{Path(path).name}")
