"""The live client's plain JavaScript logic (participation/live/static/live/lib/),
tested with Node's own test runner: tests/participation/live/js/*.test.js.

The client's modules are ES modules with a `.js` name; Node reads them as such in
a copy beside a package.json that says so. Skips without Node (or fails when
INSPRAAK_REQUIRE_SERVICES=1)."""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import service_missing

HERE = Path(__file__).resolve().parent
LIB = HERE.parents[2] / "participation" / "live" / "static" / "live" / "lib"
TESTS = sorted((HERE / "js").glob("*.test.js"))


@pytest.mark.parametrize("test_file", TESTS, ids=[path.name for path in TESTS])
def test_client_logic(test_file, tmp_path):
    node = shutil.which("node")
    if node is None:
        service_missing("Node.js not found (apt-get install nodejs); JS tests skipped")
    shutil.copytree(LIB, tmp_path / "lib")
    shutil.copy(test_file, tmp_path / test_file.name)
    (tmp_path / "package.json").write_text('{"type": "module"}\n')
    result = subprocess.run(
        [node, "--test", test_file.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
