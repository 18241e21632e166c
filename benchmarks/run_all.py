"""Run every benchmark script in this folder, one after the other (they each use the 2 cores)."""
import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
for script in sorted(here.glob("*.py")):
    if script.name != "run_all.py":
        print(f"=== {script.name}", flush=True)
        subprocess.run([sys.executable, str(script)], check=True)
