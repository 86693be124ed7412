"""A real OpenID Connect provider for the tests: node-oidc-provider (tests/oidc/
provider.mjs) started as its own process on 127.0.0.1, on a free port.

    provider = OidcProvider({"clients": [...], "accounts": [...]})
    provider.start()
    provider.issuer  # "http://127.0.0.1:<port>", discovery under /.well-known/
    provider.stop()

The npm dependencies are installed once into tests/oidc/node_modules/ (git-ignored).
Without node or npm, or when the install fails, the test skips, or fails when
INSPRAAK_REQUIRE_SERVICES=1. See tests/oidc/fixtures.py for the pytest fixture.
"""

from __future__ import annotations

import contextlib
import copy
import fcntl
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from tests.conftest import service_missing
from tests.processes import free_port, tail

OIDC_DIR = Path(__file__).resolve().parent
PROVIDER_SCRIPT = OIDC_DIR / "provider.mjs"
NODE_MODULES = OIDC_DIR / "node_modules"
INSTALL_TIMEOUT = 180  # seconds for `npm ci`
START_TIMEOUT = 30  # seconds for the provider to answer
STOP_TIMEOUT = 5

_install_lock = threading.Lock()
_install_state: dict[str, str | bool] = {"done": False, "failure": ""}


class OidcProviderError(RuntimeError):
    """The provider did not start or answer; the message ends with its log."""


def _locked_version() -> str | None:
    try:
        lock = json.loads((OIDC_DIR / "package-lock.json").read_text())
    except (OSError, ValueError):
        return None
    return lock.get("packages", {}).get("node_modules/oidc-provider", {}).get("version")


def _installed_version() -> str | None:
    try:
        package = json.loads(
            (NODE_MODULES / "oidc-provider" / "package.json").read_text()
        )
    except (OSError, ValueError):
        return None
    return package.get("version")


def ensure_node_modules() -> None:
    """Install tests/oidc's npm dependencies once, when they are missing or stale."""
    with _install_lock:
        if not _install_state["done"]:
            _install_state["failure"] = _install()
            _install_state["done"] = True
    if _install_state["failure"]:
        service_missing(_install_state["failure"])


def _install() -> str:
    """Run `npm ci` when needed; return why it could not be done, or ""."""
    if not shutil.which("node") or not shutil.which("npm"):
        return "node and npm are needed for the OpenID Connect test provider"
    lock_path = Path(tempfile.gettempdir()) / "inspraak-oidc-npm.lock"
    with open(lock_path, "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)  # one install at a time (xdist)
        wanted = _locked_version()
        installed = _installed_version()
        if installed is not None and (wanted is None or installed == wanted):
            return ""
        has_lock = (OIDC_DIR / "package-lock.json").exists()
        command = ["npm", "ci" if has_lock else "install"]
        command += ["--no-audit", "--no-fund", "--loglevel=error"]
        shown = " ".join(command[:2])
        try:
            result = subprocess.run(  # noqa: S603
                command,
                cwd=OIDC_DIR,
                capture_output=True,
                text=True,
                timeout=INSTALL_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            return f"`{shown}` in {OIDC_DIR} took more than {INSTALL_TIMEOUT} s"
        if result.returncode != 0 or _installed_version() is None:
            output = (result.stdout + result.stderr)[-2000:]
            return f"`{shown}` in {OIDC_DIR} failed:\n{output}"
    return ""


class OidcProvider:
    """One node-oidc-provider process; `config` has `clients` and `accounts`, see
    tests/oidc/provider.mjs. `port` and `issuer` are filled in when absent."""

    def __init__(self, config: dict[str, Any]):
        self.config = copy.deepcopy(config)
        self.config.setdefault("clients", [])
        self.config.setdefault("accounts", [])
        self.process: subprocess.Popen | None = None
        self._tmpdir: Path | None = None
        self.log_path: Path | None = None

    @property
    def port(self) -> int:
        return self.config["port"]

    @property
    def issuer(self) -> str:
        return self.config["issuer"]

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def discovery(self) -> dict:
        with urllib.request.urlopen(self.discovery_url, timeout=5) as response:  # noqa: S310
            return json.load(response)

    def delete_account(self, login: str) -> None:
        """The organisation deletes an account: it can no longer sign in, and its
        refresh tokens fail with invalid_grant."""
        request = urllib.request.Request(  # noqa: S310
            f"{self.issuer}/test/delete-account",
            data=urllib.parse.urlencode({"login": login}).encode(),
        )
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            assert response.status == 204, response.status

    def log(self) -> str:
        return tail(self.log_path, lines=200) if self.log_path else ""

    def start(self) -> OidcProvider:
        if self.process is not None:
            return self
        ensure_node_modules()
        self.config.setdefault("port", free_port())
        self.config.setdefault("issuer", f"http://127.0.0.1:{self.port}")
        self._tmpdir = Path(tempfile.mkdtemp(prefix="inspraak-oidc-"))
        config_path = self._tmpdir / "config.json"
        config_path.write_text(json.dumps(self.config, indent=2))
        self.log_path = self._tmpdir / "provider.log"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [
                    shutil.which("node") or "node",
                    str(PROVIDER_SCRIPT),
                    str(config_path),
                ],
                cwd=OIDC_DIR,
                env={**os.environ, "OIDC_EXIT_ON_STDIN_EOF": "1"},
                stdin=subprocess.PIPE,  # closes when this process dies: node exits
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_ready(self) -> None:
        ready_line = f"READY {self.issuer}"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise OidcProviderError(
                    f"the OpenID Connect provider exited with {self.process.returncode}:"
                    f"\n{tail(self.log_path)}"
                )
            if ready_line in tail(self.log_path, lines=20) and self._answers():
                return
            time.sleep(0.05)
        if self._answers():
            return
        raise OidcProviderError(
            f"the OpenID Connect provider did not answer at {self.discovery_url} "
            f"within {START_TIMEOUT} s:\n{tail(self.log_path)}"
        )

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.discovery_url, timeout=2) as response:  # noqa: S310
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=STOP_TIMEOUT)
        if process is not None and process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None
            self.log_path = None

    def __enter__(self) -> OidcProvider:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
