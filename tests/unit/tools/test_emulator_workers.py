"""The firebase CLI preload that keeps the functions emulator's requests to
its Python workers from failing: one port per worker, one connection per
relayed request."""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PRELOAD = ROOT / "tools" / "emulator_workers.cjs"

# The emulator asks for a free port, then starts a worker that binds it a
# second or two later. Nothing is bound here, as between those two moments.
ASK_FOR_PORTS = """
const portfinder = require("portfinder");
const ask = () => portfinder.getPortPromise({ port: 18500 });
(async () => {
  const first = await ask();
  const second = await ask();
  const together = await Promise.all(Array.from({ length: 10 }, ask));
  console.log(JSON.stringify([first, second, ...together]));
})();
"""

# Three requests one after the other, as the emulator relays them to a worker.
RELAY_THREE = """
const http = require("http");
const port = Number(process.argv[1]);
const relay = () => new Promise((done, fail) => {
  const request = http.request({ host: "127.0.0.1", port, path: "/", method: "POST" }, (response) => {
    response.resume();
    response.on("end", done);
  });
  request.on("error", fail);
  request.end("{}");
});
(async () => { for (let i = 0; i < 3; i++) await relay(); })();
"""


def node(script: str, *args: str, preload: bool = True) -> str:
    options = ["--require", str(PRELOAD)] if preload else []
    result = subprocess.run(
        ["node", *options, "-e", script, *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    return result.stdout


class Worker(ThreadingHTTPServer):
    """Answers like a worker's gunicorn (HTTP/1.1, connections kept open)
    and counts the connections it was given."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Answer)
        self.connections = 0

    @property
    def port(self) -> str:
        return str(self.server_address[1])


class Answer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Worker

    def setup(self) -> None:
        super().setup()
        self.server.connections += 1

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def worker() -> Iterator[Worker]:
    server = Worker()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_without_the_preload_a_port_not_yet_bound_is_handed_out_again() -> None:
    first, second, *_ = json.loads(node(ASK_FOR_PORTS, preload=False))
    assert first == second, "the upstream race this preload works around"


def test_every_worker_gets_its_own_port() -> None:
    ports = json.loads(node(ASK_FOR_PORTS))
    assert len(ports) == len(set(ports)) == 12
    assert min(ports) >= 18500


def test_without_the_preload_relayed_requests_reuse_an_idle_connection(worker: Worker) -> None:
    node(RELAY_THREE, worker.port, preload=False)
    assert worker.connections == 1, "the reuse that races gunicorn closing idle connections"


def test_every_relayed_request_gets_a_connection_of_its_own(worker: Worker) -> None:
    node(RELAY_THREE, worker.port)
    assert worker.connections == 3


# The emulator asks Secret Manager for a secret missing from .secret.local.
ASK_FOR_SECRETS = """
const path = require("path");
const cli = path.dirname(require.resolve("firebase-tools"));
const secretManager = require(path.join(cli, "gcp", "secretManager"));
const ask = (name) => secretManager.accessSecretVersion("demo-booking", name, "latest").then(
  (value) => ({ value }), (error) => ({ error: String(error.message || error) }));
Promise.all([ask("FROM_THE_ENVIRONMENT"), ask("NOWHERE")]).then((answers) => console.log(JSON.stringify(answers)));
"""


def test_without_the_preload_a_demo_project_asks_secret_manager_and_fails() -> None:
    answers = json.loads(node(ASK_FOR_SECRETS, preload=False))
    assert all("error" in answer for answer in answers), "the failed lookup logged before every worker start"


def test_a_demo_projects_secrets_come_from_the_environment_without_a_lookup() -> None:
    script = f"process.env.FROM_THE_ENVIRONMENT = 'sk_test_local';\n{ASK_FOR_SECRETS}"
    assert json.loads(node(script)) == [{"value": "sk_test_local"}, {"value": ""}]
