"""A throwaway PostgreSQL server for tests: Debian's ``postgresql`` binaries, a fresh cluster in a
temporary folder, listening only on a Unix socket there (no TCP port, nothing shared with
other processes), stopped and removed afterwards.

PostgreSQL refuses to run as root, so under root the server runs as the ``postgres`` user
(``runuser``), and the folder is handed to that user.  Clients (this process, as any user)
connect through the socket with ``trust`` authentication as role ``grader``.
"""
import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

ROLE = "grader"


def bin_dir():
    """Folder of Debian's server binaries (``/usr/lib/postgresql/<version>/bin``), newest first;
    None when PostgreSQL is not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(found[-1]).parent if found else None


@contextlib.contextmanager
def throwaway_server(database="gradebook"):
    """Start a server, create ``database``; yield its SQLAlchemy URL (psycopg 3 driver).

    Raises RuntimeError (with the server log) when it cannot start."""
    binaries = bin_dir()
    if binaries is None:
        raise RuntimeError("PostgreSQL is not installed: apt-get install -y postgresql (make setup does it)")
    as_root = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="pg-"))   # short: a socket path must fit in 107 bytes
    data, log = folder / "data", folder / "server.log"
    if as_root:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    as_server = ["runuser", "-u", "postgres", "--"] if as_root else []

    def run(*argv):
        proc = subprocess.run([*as_server, *argv], capture_output=True, text=True, timeout=60)
        if proc.returncode != 0:
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}{tail}")

    try:
        run(str(binaries / "initdb"), "-A", "trust", "-U", ROLE, "-D", str(data), "--no-sync")
        run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-o",
            f"-k {folder} -c listen_addresses='' -c fsync=off", "start")
        run(str(binaries / "createdb"), "-h", str(folder), "-U", ROLE, database)
        yield f"postgresql+psycopg://{ROLE}@/{database}?host={folder}"
    finally:
        if (data / "postmaster.pid").exists():   # started, even if a later step failed
            subprocess.run([*as_server, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate",
                            "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
