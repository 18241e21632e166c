import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # toy_course

from autograder.course import Course  # noqa: E402

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


@pytest.fixture(scope="session")
def toy_course(tmp_path_factory):
    """The toy course, built once: release/ and gradebook.db ready."""
    from autograder.build import build
    from toy_course import make_course
    course = Course(make_course(tmp_path_factory.mktemp("toy")))
    build(course, log=lambda *_: None)
    return course


@pytest.fixture
def shell():
    """A real IPython shell (no kernel), with the guard uninstalled and restored afterwards."""
    from IPython.core.interactiveshell import InteractiveShell
    from coursekit import guard
    InteractiveShell.clear_instance()
    sh = InteractiveShell.instance()
    guard._installed.pop(id(sh), None)
    yield sh
    guard.restore(guard._take_snapshot())  # leave nothing patched for other tests
    InteractiveShell.clear_instance()
