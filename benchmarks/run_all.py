"""Run every benchmark script in this folder (not this one, not ``_`` helpers), one after the
other: each uses both cores."""
import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
for script in sorted(here.glob("*.py")):
    if script.name != "run_all.py" and not script.name.startswith("_"):
        print(f"=== {script.name}", flush=True)
        subprocess.run([sys.executable, str(script)], check=True)
