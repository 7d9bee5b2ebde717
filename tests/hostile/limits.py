"""Run an importer call in a child process under an address-space limit, so a regression that
asks for gigabytes fails with MemoryError in the child instead of swapping the machine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parents[2]
LIMIT_MB: Final = 768  # the importer's modules take ~180 MB of address space; a file may add little
_CHILD: Final = r"""
import json, resource, sys
limit = int(sys.argv[1]) * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from tests.hostile.child import main
main(sys.argv[2])
"""


def run_limited(call: dict[str, Any], *, limit_mb: int = LIMIT_MB, timeout_s: float = 120.0) -> dict[str, Any]:
    """Run ``tests.hostile.child`` on ``call`` (a JSON job) in a process limited to ``limit_mb``.

    Returns the child's JSON answer; a MemoryError, a crash or a timeout fails the calling test
    with what happened (a hang is a failure too: the subprocess timeout ends it).
    """
    env = {
        **os.environ,
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(limit_mb), json.dumps(call)],
        capture_output=True,
        text=True,
        timeout=timeout_s,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, f"child exited {proc.returncode}: {proc.stderr[-2000:]}"
    answer: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return answer
