"""The student's path in a real browser: JupyterLab with the nbgrader extension, driven by Chromium.

A ``jupyter lab`` from this venv serves a temporary copy of ``release/`` (the repository is never
written to); Playwright drives Debian's ``chromium`` (headless) through each release notebook the
way a student starts: open it, Run > Run All Cells, read the first exercise's output, run its test
cell. Per notebook the test asserts that

- the notebook opens and its kernel starts (the server lists it; the first code cell gets ``[1]``);
- the nbgrader extension is there: the *Nbgrader* menu and the *Validate* button;
- Run All stops at the first untouched stub: the example cell that calls it shows
  ``NotImplementedError`` and the first test cell (found by its nbgrader ``grade_id`` in the
  notebook's JSON, then in the page by its position) has not run; run alone, that test cell shows
  ``NotImplementedError`` too;
- a figure is rendered (an ``<img>`` in an output area).

Run All needs no shortcut for A2 and A3: JupyterLab stops a run at the first error, and with the
stubs untouched that is the example cell of the first exercise, before any training (A2 draws its
sample pictures and the padding figure first, A3 its gradient plot and the block diagram).
A1 draws nothing before its first exercise, so there the test does what a student does next:
it types the one-line ``zero_pad`` between the START/END CODE HERE markers and runs the cells
again with Shift+Enter; the example cell then draws its figure and the test cell passes.

One PNG per notebook goes to ``$BROWSER_SCREENSHOTS`` (else ``<pytest tmp>/screenshots``); the
folder is printed. Chromium is ``$CHROMIUM`` or ``/usr/bin/chromium`` (``make setup`` installs it).
"""
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest

from autograder.course import Course

ROOT = Path(__file__).resolve().parents[2]
RELEASE = ROOT / "release"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

COURSE = Course(ROOT)
#: Every release notebook of the course, as ``<assignment>/<notebook>``.
NOTEBOOKS = [f"{a}/{p.name}" for a in COURSE.assignments() for p in COURSE.notebooks(a)]
# What a student types into the first stub of a notebook that draws no figure before it:
# (the stub's line, the line that replaces it).
FIRST_SOLUTION = {
    "a1_conv_numpy/conv_step_by_step.ipynb": (
        "raise NotImplementedError()",
        "X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))",
    ),
}

SERVER_START_S = 90     # jupyter lab answering /api/status
OPEN_S = 60             # the notebook's cells on the page, its kernel idle
RUN_ALL_S = 240         # Run All Cells finished (TensorFlow imports take ~10 s on an idle machine)
CELL_S = 120            # one cell's output
STOP_S = 20             # each step of stopping the server

MS = 1000


# ---------------------------------------------------------------------------------------------
# The notebook, read from its JSON: where things are, by position

def _layout(path):
    """Positions (cell indices) in the notebook: first code cell, first stub, the code cell
    after it (its example), the first test cell; and the first source line of each."""
    cells = json.loads(Path(path).read_text())["cells"]
    code = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
    meta = [c.get("metadata", {}).get("nbgrader", {}) for c in cells]
    stub = next(i for i in code if meta[i].get("solution"))
    test = next(i for i in code if str(meta[i].get("grade_id", "")).startswith("test_"))
    example = next(i for i in code if i > stub)
    assert example < test, f"{path}: expected an example cell between the stub and its test"
    return {
        "setup": code[0], "stub": stub, "example": example, "test": test,
        "test_id": meta[test]["grade_id"],
        "title": "".join(cells[0]["source"]).strip().splitlines()[0].lstrip("# "),
        "test_first_line": "".join(cells[test]["source"]).strip().splitlines()[0],
        "before_stub": [i for i in code if i < stub],
    }


# ---------------------------------------------------------------------------------------------
# The server

def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(lab, path, method="GET"):
    request = urllib.request.Request(f"{lab['url']}{path}", method=method,
                                     headers={"Authorization": f"token {lab['token']}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


def _log_tail(log, n=3000):
    try:
        return log.read_text(errors="replace")[-n:]
    except OSError:
        return "(no server log)"


def _stop(lab):
    """Stop the server and every process it started (kernels run in sessions of their own)."""
    proc = lab["proc"]
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    if proc.poll() is None:
        try:   # graceful: the server shuts its kernels down, then exits
            _api(lab, "/api/shutdown", method="POST")
            proc.wait(STOP_S)
        except (OSError, urllib.error.URLError, subprocess.TimeoutExpired):
            pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            break
        os.killpg(proc.pid, sig)
        try:
            proc.wait(STOP_S)
        except subprocess.TimeoutExpired:
            pass
    for child in children:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(children, timeout=STOP_S)
    assert proc.poll() is not None, f"jupyter lab (pid {proc.pid}) would not stop"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """``jupyter lab`` on 127.0.0.1, serving a temporary copy of release/; stopped at the end."""
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    shutil.copytree(RELEASE, root)
    jupyter = Path(sys.executable).with_name("jupyter")
    config = base / "config"
    # No "get news?" pop-up over the screenshots (the user settings live under the config dir).
    settings = config / "lab/user-settings/@jupyterlab/apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = dict(
        os.environ,
        PATH=f"{jupyter.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        # Jupyter's own files go to the temporary folder, not to ~ (and no user kernelspec
        # shadows this venv's python3)
        JUPYTER_CONFIG_DIR=str(config), JUPYTER_DATA_DIR=str(base / "data"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"), IPYTHONDIR=str(base / "ipython"),
        MPLCONFIGDIR=str(base / "matplotlib"),
    )
    env.pop("NBGRADER_EXECUTION", None)   # the student's run, not the grader's
    port, token = _free_port(), secrets.token_hex(16)
    log = base / "server.log"
    cmd = [str(jupyter), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--ServerApp.root_dir={root}", "--allow-root"]
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env, cwd=root, start_new_session=True)
    info = {"url": f"http://127.0.0.1:{port}", "token": token, "root": root, "log": log,
            "proc": proc}
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            try:
                _api(info, "/api/status")
                break
            except (OSError, urllib.error.URLError):
                if proc.poll() is not None:
                    pytest.fail(f"jupyter lab exited ({proc.returncode}):\n{_log_tail(log)}")
                if time.monotonic() > deadline:
                    pytest.fail(f"jupyter lab did not answer in {SERVER_START_S} s:\n"
                                f"{_log_tail(log)}")
                time.sleep(0.5)
        yield info
    finally:
        _stop(info)


# ---------------------------------------------------------------------------------------------
# The browser

@pytest.fixture(scope="module")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: `make setup` installs Debian's chromium "
                    "(or set CHROMIUM to a Chromium binary)")
    from playwright.sync_api import expect, sync_playwright
    expect.set_options(timeout=OPEN_S * MS)   # its default, 5 s, is short on a busy machine
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    folder = os.environ.get("BROWSER_SCREENSHOTS")
    folder = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nbrowser screenshots: {folder}")
    return folder


def _active_index(page):
    return int(page.locator(".jp-NotebookPanel .jp-Cell.jp-mod-active")
                   .get_attribute("data-windowed-list-index"))


def _goto_cell(page, index):
    """Make cell `index` the active one with the keyboard (command mode, j/k), as a student
    would scroll to it: JupyterLab renders only the cells near the viewport."""
    page.keyboard.press("Escape")
    for _ in range(500):
        active = _active_index(page)
        if active == index:
            break
        page.keyboard.press("j" if active < index else "k")
    assert _active_index(page) == index, f"could not reach cell {index}"
    cell = page.locator(f'.jp-NotebookPanel .jp-Cell[data-windowed-list-index="{index}"]')
    cell.scroll_into_view_if_needed()
    return cell


def _wait_run_finished(page, lab, path, timeout_s):
    """Run All is over: the page's execution indicator says idle with every scheduled cell
    done (its progress at 100 %) and the server reports the kernel idle, three polls in a row
    (the kernel is briefly idle between two queued cells)."""
    indicator = page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator")
    progress = indicator.locator("[role=progressbar]")
    deadline, calm = time.monotonic() + timeout_s, 0
    while calm < 3:
        page.wait_for_timeout(500)
        state = (indicator.get_attribute("data-status"), progress.get_attribute("aria-valuenow"),
                 _kernel(lab, path).get("execution_state"))
        calm = calm + 1 if state == ("idle", "100", "idle") else 0
        assert time.monotonic() < deadline, (
            f"{path}: Run All not finished after {timeout_s} s (page: {state[0]}, "
            f"{state[1]} % of the cells done; kernel: {state[2]})")


def _kernel(lab, path, timeout_s=0):
    """The notebook's kernel as the server reports it, waiting up to timeout_s for it to be
    started and idle."""
    deadline = time.monotonic() + timeout_s
    while True:
        sessions = [s for s in _api(lab, "/api/sessions") if s["path"] == path]
        kernel = sessions[0].get("kernel") if sessions else None
        if kernel and (kernel["execution_state"] == "idle" or not timeout_s):
            return kernel
        assert time.monotonic() < deadline, (
            f"{path}: no idle kernel after {timeout_s} s (server: {kernel or 'no session'})")
        time.sleep(0.5)


def _outputs(cell):
    return cell.locator(".jp-OutputArea-output")


def _expect_ran(cell, text, timeout_s=CELL_S):
    from playwright.sync_api import expect
    expect(cell.locator(".jp-InputPrompt")).to_have_text(re.compile(r"\[\d+\]"),
                                                         timeout=timeout_s * MS)
    expect(_outputs(cell)).not_to_have_count(0, timeout=timeout_s * MS)
    expect(_outputs(cell).last).to_contain_text(text, timeout=timeout_s * MS)


def _type_first_solution(page, cell, stub_line, solution):
    """Replace the stub's line with the solution, by keyboard, as a student does."""
    line = cell.locator(".cm-line", has_text=stub_line)
    line.click()
    page.keyboard.press("End")
    page.keyboard.press("Shift+Home")      # to the end of the indentation
    page.keyboard.type(solution)
    page.keyboard.press("Escape")
    text = cell.locator(".jp-InputArea-editor").text_content()
    assert solution in text and stub_line not in text, text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.split("/")[0] for p in NOTEBOOKS])
def test_student_opens_and_runs_notebook(lab, browser, screenshots, path):
    from playwright.sync_api import Error as PlaywrightError, expect
    at = _layout(RELEASE / path)
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    page.set_default_timeout(OPEN_S * MS)
    shot = screenshots / f"{path.split('/')[0]}.png"
    started = time.monotonic()
    try:
        # A workspace of its own, so JupyterLab does not reopen the notebooks of earlier tests
        workspace = path.split("/")[0]
        page.goto(f"{lab['url']}/lab/workspaces/{workspace}/tree/{path}"
                  f"?reset&token={lab['token']}")
        # The notebook opens (its first cell on the page) and its kernel starts
        panel = page.locator(".jp-NotebookPanel")
        expect(panel.locator(".jp-Cell").first).to_contain_text(at["title"])
        assert _kernel(lab, path, timeout_s=OPEN_S)["name"] == "python3"
        expect(page.locator(".jp-StatusBar-Widget", has_text="Python 3 (ipykernel) | Idle")
               ).to_be_visible()
        expect(panel.locator(".jp-Notebook-ExecutionIndicator")).to_have_attribute(
            "data-status", "idle")

        # nbgrader's extension: its menu and the Validate button of the notebook toolbar
        expect(page.locator("#jp-MainMenu .lm-MenuBar-itemLabel", has_text="Nbgrader")
               ).to_be_visible()
        expect(panel.locator(".validate-button")).to_contain_text("Validate")

        # Run > Run All Cells
        page.locator("#jp-MainMenu .lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator('li[data-command="runmenu:run-all"]').click()
        _wait_run_finished(page, lab, path, RUN_ALL_S)

        setup = _goto_cell(page, at["setup"])
        expect(setup.locator(".jp-InputPrompt")).to_have_text("[1]:")

        # Run All stopped at the first stub: its example cell failed, the test cell never ran
        example = _goto_cell(page, at["example"])
        _expect_ran(example, "NotImplementedError", timeout_s=30)
        test = _goto_cell(page, at["test"])
        expect(test.locator(".jp-InputArea-editor")).to_contain_text(at["test_first_line"])
        expect(test.locator(".jp-InputPrompt")).not_to_have_text(re.compile(r"\d"))

        # The first test cell, run alone, shows the stub's NotImplementedError
        page.keyboard.press("Control+Enter")
        _expect_ran(test, "NotImplementedError")
        expect(_outputs(test).last).to_have_attribute(
            "data-mime-type", "application/vnd.jupyter.stderr")

        figure_cells = [i for i in at["before_stub"]
                        if _goto_cell(page, i).locator(".jp-OutputArea-output img").count()]
        if path in FIRST_SOLUTION:
            assert not figure_cells
            # Write the first function like a student, then Shift+Enter down to its test cell
            stub = _goto_cell(page, at["stub"])
            _type_first_solution(page, stub, *FIRST_SOLUTION[path])
            for _ in range(at["test"] - at["stub"] + 1):
                page.keyboard.press("Shift+Enter")
            test = _goto_cell(page, at["test"])
            _expect_ran(test, "The visible checks passed")
            figure_cells = [at["example"]]
        assert figure_cells, f"{path}: no figure rendered in the cells before the first stub"
        figure = _goto_cell(page, figure_cells[0]).locator(".jp-OutputArea-output img").first
        expect(figure).to_be_visible()
        assert figure.evaluate("i => i.complete && i.naturalWidth > 0"), "figure did not load"
        figure.scroll_into_view_if_needed()     # for the screenshot
        print(f"{path}: kernel up, run-all stopped at cell {at['example']}, "
              f"{at['test_id']} fails with NotImplementedError, figure in cell "
              f"{figure_cells[0]} ({time.monotonic() - started:.0f} s)")
    finally:
        try:
            with contextlib.suppress(PlaywrightError):   # never hide the failure itself
                page.screenshot(path=str(shot))
        finally:
            page.close()
            with contextlib.suppress(OSError):   # free the kernel's memory
                for session in _api(lab, "/api/sessions"):
                    _api(lab, f"/api/sessions/{session['id']}", method="DELETE")
