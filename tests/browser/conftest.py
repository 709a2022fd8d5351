"""Browser-test set-up: Debian's chromium (installed by .ci/chromium.sh when missing)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "unit"))  # graph_fixture


@pytest.fixture(scope="session")
def chromium() -> str:
    exe = "/usr/bin/chromium"
    if not Path(exe).exists():
        r = subprocess.run(["bash", str(ROOT / ".ci" / "chromium.sh")], capture_output=True, text=True)
        if r.returncode != 0 or not Path(exe).exists():
            if os.environ.get("KG_REQUIRE_BROWSER") == "1":
                pytest.fail(f"cannot install chromium: {r.stderr[-2000:]}")
            pytest.skip("chromium is not installed and .ci/chromium.sh failed (not root?)")
    return shutil.which(exe) or exe


@pytest.fixture(scope="session")
def artifacts() -> Path:
    out = ROOT / "tests" / "artifacts"
    out.mkdir(exist_ok=True)
    ignore = out / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")  # screenshots are test output, never committed
    return out
