"""Trusted helpers from grading/trusted.py: the directive, its expansion, and where it runs."""
import sys
import textwrap

import pytest
from nbformat.v4 import new_code_cell, new_notebook
from traitlets.config import Config

from autograder.course import Course, CourseError
from autograder.nbgrader_ext import InlineTrusted
from autograder.trusted import TrustedModule, expand_notebook, expand_source, find_directives, load_source
from coursekit import checks, guard

MODULE = textwrap.dedent('''\
    """A toy trusted module."""
    import numpy as np


    def pad(X, p):
        """X (n,) -> (n + 2p,)."""
        return np.pad(X, p)


    def total(X, p):
        """Sum of pad(X, p) (calls pad)."""
        return float(np.sum(pad(X, p)))


    def twice_total(X):
        """Uses total, hence pad too."""
        return 2 * total(X, 1)


    def unrelated(x):
        return x
    ''')

CELL = textwrap.dedent('''\
    import numpy as np
    from coursekit import checks
    trusted_helpers = {}
    ### BEGIN HIDDEN TESTS
    trusted_helpers = checks.trusted("total")
    ### END HIDDEN TESTS
    result = trusted_helpers["total"](np.ones(2), 1)
    ''')


@pytest.fixture
def trusted_py(tmp_path):
    path = tmp_path / "grading" / "trusted.py"
    path.parent.mkdir()
    path.write_text(MODULE)
    return path


def run(source):
    namespace = {}
    exec(compile(source, "cell", "exec"), namespace)
    return namespace


def test_expansion_inlines_what_is_asked_and_what_it_calls_renamed(trusted_py):
    out = expand_source(CELL, trusted_py)
    assert "checks.trusted" not in out
    assert "def _trusted_pad(" in out and "def _trusted_total(" in out
    assert "_trusted_pad(X, p)" in out                         # the reference between them is renamed
    assert "unrelated" not in out and "twice_total" not in out  # only the closure
    assert "trusted_helpers = dict(total=_trusted_total)" in out  # only what was asked
    assert "def pad(" not in out and "def total(" not in out
    ns = run(out)
    assert ns["result"] == 2.0 and set(ns["trusted_helpers"]) == {"total"}
    # the lines around the directive are kept as they were
    assert out.startswith("import numpy as np\nfrom coursekit import checks\ntrusted_helpers = {}\n"
                          "### BEGIN HIDDEN TESTS\nimport numpy as np\n")
    assert out.endswith("### END HIDDEN TESTS\nresult = trusted_helpers[\"total\"](np.ones(2), 1)\n")


def test_closure_is_transitive_and_in_module_order(trusted_py):
    module = TrustedModule.read(trusted_py)
    assert module.closure(["twice_total"]) == ["pad", "total", "twice_total"]
    assert module.closure(["pad"]) == ["pad"]


def test_expansion_keeps_the_indentation_of_the_directive(trusted_py):
    source = textwrap.dedent('''\
        from coursekit import checks
        ### BEGIN HIDDEN TESTS
        if True:
            for _ in range(1):
                trusted_helpers = checks.trusted(
                    "pad",
                    "twice_total")   # a comment may follow
        value = trusted_helpers["twice_total"]([1.0])
        ### END HIDDEN TESTS
        ''')
    out = expand_source(source, trusted_py)
    assert "        def _trusted_pad(X, p):\n            " in out
    assert "        trusted_helpers = dict(pad=_trusted_pad, twice_total=_trusted_twice_total)\n" in out
    assert run(out)["value"] == 2.0


def hidden(code):
    return f"### BEGIN HIDDEN TESTS\n{code}\n### END HIDDEN TESTS\n"


@pytest.mark.parametrize("source,message", [
    (hidden('trusted_helpers = checks.trusted("nope")'), "no trusted function 'nope'"),
    ('trusted_helpers = checks.trusted("pad")\n', "outside a hidden-test block"),
    (hidden("") + 'trusted_helpers = checks.trusted("pad")', "outside a hidden-test block"),
    (hidden('helpers = checks.trusted("pad")'), "write the directive as"),
    (hidden('f(checks.trusted("pad"))'), "write the directive as"),
    (hidden('name = "pad"\ntrusted_helpers = checks.trusted(name)'), "string literals"),
    (hidden('x = 1; trusted_helpers = checks.trusted("pad")'), "alone on its lines"),
    (hidden('trusted_helpers = checks.trusted("pad", "pad")'), "twice"),
])
def test_bad_directives_are_clear_errors(trusted_py, source, message):
    with pytest.raises(CourseError, match=message):
        expand_source(source, trusted_py)


def test_a_test_cell_never_receives_its_own_function(trusted_py):
    source = '### BEGIN HIDDEN TESTS\ntrusted_helpers = checks.trusted("twice_total")\n### END HIDDEN TESTS\n'
    with pytest.raises(CourseError, match="a test of twice_total receives a trusted copy of twice_total"):
        expand_source(source, trusted_py, graded="twice_total")
    with pytest.raises(CourseError, match=r"receives a trusted copy of pad \(through twice_total\)"):
        expand_source(source, trusted_py, graded="pad")   # twice_total calls total, which calls pad
    assert "_trusted_pad" in expand_source(source, trusted_py, graded="unrelated")


def test_source_without_directive_is_returned_as_is_and_needs_no_module(tmp_path):
    source = "x = 1\n### BEGIN HIDDEN TESTS\ny = 2  # trusted, but no directive\n### END HIDDEN TESTS\n"
    assert expand_source(source, tmp_path / "absent.py") == source
    with pytest.raises(CourseError, match="absent.py does not exist"):
        expand_source('### BEGIN HIDDEN TESTS\ntrusted_helpers = checks.trusted("pad")\n'
                      '### END HIDDEN TESTS\n', tmp_path / "absent.py")


@pytest.mark.parametrize("module,message", [
    ("x = 1\n", "imports and function definitions only"),
    ("def f():\n    return g()\n", "uses g, which trusted.py neither defines nor imports"),
    ("import numpy as np\ndef f(np):\n    return np\n", "binds np"),
    ("def f():\n    return 1\ndef g():\n    f = 2\n    return f\n", "binds f"),
    ("def f():\n    return 1\nimport os\n", "put the imports at the top"),
    ("def f():\n    global y\n    y = 1\n", "global"),
    ("import functools\n@functools.cache\ndef f():\n    return 1\n", "decorator"),
])
def test_bad_trusted_modules_are_clear_errors(module, message):
    with pytest.raises(CourseError, match=message):
        TrustedModule(module, "trusted.py")


def _test_cell(grade_id, source):
    return new_code_cell(source, metadata={"nbgrader": {"grade": True, "solution": False, "grade_id": grade_id,
                                                        "points": 1, "locked": True, "schema_version": 3}})


def _notebook():
    student = new_code_cell('### BEGIN HIDDEN TESTS\ntrusted_helpers = checks.trusted("pad")\n### END HIDDEN TESTS\n',
                            metadata={"nbgrader": {"grade": False, "solution": True, "grade_id": "pad",
                                                   "locked": False, "schema_version": 3}})
    return new_notebook(cells=[student, _test_cell("test_summary", CELL)])


def test_expand_notebook_expands_test_cells_only(trusted_py):
    nb = expand_notebook(_notebook(), trusted_py)
    assert "checks.trusted" in nb.cells[0].source          # a student's cell keeps its call (it raises when graded)
    assert "def _trusted_total(" in nb.cells[1].source
    nb = _notebook()
    nb.cells[1] = _test_cell("test_pad", CELL)               # total calls pad: not in pad's own test
    with pytest.raises(CourseError, match="test_pad: a test of pad receives a trusted copy of pad"):
        expand_notebook(nb, trusted_py)


def test_inline_trusted_reads_the_bundle(tmp_path, trusted_py):
    bundles = tmp_path / "bundles"
    (bundles / "toy").mkdir(parents=True)
    config = Config()
    config.InlineTrusted.bundles_dir = str(bundles)
    resources = {"nbgrader": {"assignment": "toy", "notebook": "toy"}}
    plain = new_notebook(cells=[_test_cell("test_x", "### BEGIN HIDDEN TESTS\nx = 1\n### END HIDDEN TESTS\n")])
    InlineTrusted(config=config).preprocess(plain, resources)   # no directive: no file needed
    with pytest.raises(RuntimeError, match="InlineTrusted: .*trusted.py does not exist"):
        InlineTrusted(config=config).preprocess(_notebook(), resources)
    (bundles / "toy" / "trusted.py").write_text(trusted_py.read_text())
    nb, _ = InlineTrusted(config=config).preprocess(_notebook(), resources)
    assert "def _trusted_total(" in nb.cells[1].source and "checks.trusted" not in nb.cells[1].source


def test_checks_trusted_loads_the_module_outside_grading(trusted_py, monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.chdir(trusted_py.parent.parent)
    helpers = checks.trusted("total", "pad")
    assert set(helpers) == {"total", "pad"} and helpers["total"]([1.0], 1) == 1.0
    assert "_trusted_reference" not in sys.modules   # nothing a later cell could import
    with pytest.raises(LookupError, match="nope"):
        checks.trusted("nope")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(RuntimeError, match="the grader must inline it"):
        checks.trusted("total")
    monkeypatch.delenv("NBGRADER_EXECUTION")
    monkeypatch.chdir(trusted_py.parent)   # no grading/ here (a student's folder)
    with pytest.raises(FileNotFoundError):
        checks.trusted("total")


def test_guard_forgets_inlined_helpers_after_the_cell(shell, trusted_py):
    guard.install(shell)
    assert shell.run_cell(expand_source(CELL, trusted_py), store_history=False).success
    assert shell.user_ns["result"] == 2.0 and "_trusted_pad" in shell.user_ns
    shell.run_cell("pass", store_history=False)
    assert not [n for n in shell.user_ns if n.startswith("_trusted_") or n == "trusted_helpers"]
    assert "result" in shell.user_ns


def test_course_notebooks_expand_and_compile():
    course = Course()
    for assignment in course.assignments():
        for path in course.notebooks(assignment):
            nb = load_source(course, assignment, path)
            for cell in nb.cells:
                if cell.cell_type == "code" and "_trusted_" in cell.source:
                    compile(cell.source, f"{assignment}/{path.name}", "exec")
                    assert not find_directives(cell.source)
