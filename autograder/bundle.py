"""Grading bundles: everything grading one assignment needs, and nothing of the checkout.

``build`` writes, per assignment::

    bundles/<assignment>/gradebook.db        student-free gradebook template (cells, points, checksums)
    bundles/<assignment>/data/               the release's data files (no notebook)
    bundles/<assignment>/nbgrader_config.py  the course config, rendered self-contained
    bundles/<assignment>/expected.json       the reference's handouts (autograder.expected)
    bundles/<assignment>/limits.json         timeout, cell timeout, memory, sandbox caps

A bundle travels by value (:func:`pack`: a few hundred KB of tar) to wherever a job runs, so a
grading worker needs the installed ``autograder`` package and nothing of the course checkout:
the rendered config imports the grading code by module name and holds no path.

Limits come from the ``[limits]`` table of ``assignments/<id>/manifest.toml`` next to the
notebook (see :mod:`autograder.manifest`); points stay in the notebook.
"""
import dataclasses
import io
import json
import os
import shutil
import stat
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from traitlets.config.loader import LazyConfigValue, PyFileConfigLoader

from .course import Course, CourseError
from .manifest import MANIFEST_NAMES, check_keys, load_manifest
from .trusted import trusted_file

#: Data memory (MiB) a grading kernel may use by default.  The heaviest reference (A3's
#: ResNet50) peaks at 1.4 GiB on 2 cores; TensorFlow's per-thread stacks grow with the core
#: count, hence the margin.
MEMORY_MB = 6144
#: Config keys a workspace sets itself (paths): never rendered into a bundle.
_WORKSPACE_KEYS = {("CourseDirectory", k) for k in ("root", "db_url", "source_directory", "release_directory")}


@dataclass(frozen=True)
class GradingLimits:
    """What one submission may use; ``pids``/``cpus`` 0 mean the sandbox's defaults."""
    timeout_s: int = 900
    cell_timeout_s: int = 300
    memory_mb: int = MEMORY_MB
    pids: int = 0
    cpus: float = 0.0

    def override(self, **values):
        """A copy with the given non-None values replaced (what the grade command's options set)."""
        return dataclasses.replace(self, **{k: v for k, v in values.items() if v is not None})

    @classmethod
    def from_dict(cls, data, where):
        known = {f.name: f.type for f in dataclasses.fields(cls)}
        check_keys(data, known, where)
        bad = [k for k, v in data.items() if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0]
        if bad:
            raise CourseError(f"{where}: {', '.join(bad)} must be non-negative numbers")
        return cls(**{k: known[k](v) for k, v in data.items()})


class Bundle:
    """The bundle folder of one assignment (built by :func:`build_bundle` or unpacked)."""

    def __init__(self, folder):
        self.folder = Path(folder)

    gradebook = property(lambda self: self.folder / "gradebook.db")
    data_dir = property(lambda self: self.folder / "data")
    config = property(lambda self: self.folder / "nbgrader_config.py")
    expected = property(lambda self: self.folder / "expected.json")
    limits_file = property(lambda self: self.folder / "limits.json")
    #: Optional: the known-good functions hidden tests ask for (autograder.trusted), a copy of
    #: assignments/<assignment>/grading/trusted.py; inlined into test cells, never given to a kernel.
    trusted = property(lambda self: self.folder / "trusted.py")

    def limits(self) -> GradingLimits:
        return GradingLimits.from_dict(json.loads(self.limits_file.read_text()), self.limits_file)

    def missing(self):
        """Names of the parts not (yet) there."""
        return [p.name for p in (self.gradebook, self.data_dir, self.config, self.expected, self.limits_file)
                if not p.exists()]


def build_bundle(course: Course, assignment) -> Bundle:
    """Write ``bundles/<assignment>/`` next to its expected file (made before by
    :func:`autograder.expected.make_expected`); return it."""
    from .gradebook import course_gradebook, make_template
    bundle = Bundle(course.bundles_dir / assignment)
    limits = load_manifest(course, assignment).limits
    bundle.folder.mkdir(parents=True, exist_ok=True)
    try:
        make_template(course_gradebook(course), bundle.gradebook, [assignment])
    except LookupError as exc:
        raise CourseError(str(exc)) from None
    if bundle.data_dir.exists():
        shutil.rmtree(bundle.data_dir)
    shutil.copytree(course.release_dir / assignment, bundle.data_dir,
                    ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints", "grading", *MANIFEST_NAMES))
    bundle.config.write_text(render_config(course.config_file))
    trusted = trusted_file(course, assignment)
    if trusted.exists():
        shutil.copyfile(trusted, bundle.trusted)
    elif bundle.trusted.exists():
        bundle.trusted.unlink()
    bundle.limits_file.write_text(json.dumps(dataclasses.asdict(limits), indent=1) + "\n")
    return bundle


def load_bundle(course: Course, assignment) -> Bundle:
    """The built bundle of ``assignment``; :class:`CourseError` when ``build`` has not made it."""
    bundle = Bundle(course.bundles_dir / assignment)
    missing = bundle.missing()
    if missing:
        raise CourseError(f"the grading bundle of {assignment} ({bundle.folder}) lacks {', '.join(missing)}: "
                          "run `python -m autograder build` first")
    return bundle


# ----------------------------------------------------------------------------- rendered config

def render_config(config_file: Path) -> str:
    """The nbgrader config ``config_file`` loads (sub-configs included), written out as a
    self-contained file: classes imported by module name, values as literals, no path of the
    course (the workspace adds its own root and database)."""
    config = PyFileConfigLoader(Path(config_file).name, path=str(Path(config_file).parent)).load_config()
    imports, lines = set(), []
    for section in sorted(config):
        for key, value in sorted(config[section].items()):
            if (section, key) in _WORKSPACE_KEYS:
                continue
            lines.append(f"c.{section}.{key} = {_literal(value, imports, f'{section}.{key}')}")
    head = ["# Rendered by autograder.bundle from the course's nbgrader_config.py at build time.",
            "# Self-contained: the grading code is imported as the installed `autograder` package.",
            *sorted(imports), "", "c = get_config()  # noqa: F821"]
    return "\n".join(head + lines) + "\n"


def _literal(value, imports, where):
    if isinstance(value, type):
        module, name = value.__module__, value.__qualname__
        if module in ("__main__", "builtins") or "." in name or module.startswith("nbgrader_config"):
            raise CourseError(f"config {where}: class {module}.{name} cannot be imported by name; "
                              "define it in an installed module")
        imports.add(f"from {module} import {name}")
        return name
    if isinstance(value, LazyConfigValue):
        raise CourseError(f"config {where}: use plain assignment (=), not .append/.update, so it can be rendered")
    if isinstance(value, (list, tuple)):
        items = ", ".join(_literal(v, imports, where) for v in value)
        return f"[{items}]" if isinstance(value, list) else f"({items}{',' if len(value) == 1 else ''})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k, imports, where)}: {_literal(v, imports, where)}"
                               for k, v in value.items()) + "}"
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    raise CourseError(f"config {where}: cannot render a {type(value).__name__} value")


# ----------------------------------------------------------------------------- by value

def pack(bundle: Bundle) -> bytes:
    """The bundle folder as gzip'd tar bytes (regular files and folders only, sorted, no owners
    or times: the same bundle always packs to the same bytes)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=6) as tar:
        for path in sorted(bundle.folder.rglob("*")):
            if path.is_symlink() or not (path.is_file() or path.is_dir()):
                continue
            info = tarfile.TarInfo(path.relative_to(bundle.folder).as_posix())
            info.mtime, info.mode = 0, 0o755 if path.is_dir() else 0o644
            if path.is_dir():
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = path.stat().st_size
                with open(path, "rb") as f:
                    tar.addfile(info, f)
    return buffer.getvalue()


def unpack(data: bytes, dest: Path) -> Bundle:
    """Extract :func:`pack`'s bytes into ``dest`` (refusing links, devices and paths that leave
    ``dest``); return the bundle there."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            name = PurePosixPath(member.name)
            if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
                raise ValueError(f"bundle member {member.name!r} is not a plain relative file or folder")
            target = dest.joinpath(*name.parts)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out)
                os.chmod(target, stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)
    return Bundle(dest)
