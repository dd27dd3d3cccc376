// Loaded into the firebase CLI (`node --require`) by tools/stack.py: three
// workarounds for how the functions emulator starts and talks to its Python
// workers.
//
// 1. Ports. The emulator starts each worker on
//    `portfinder.getPortPromise({port: 8081 + random(0, 1000)})`. portfinder
//    only checks that a port is free *now*; the worker binds it a second or
//    two later, once Python has imported our code. When several workers start
//    together, two can be handed the same port: the second fails with
//    "Connection in use" and requests the emulator routes to it go astray.
//    Here each port is handed out at most once, one request at a time.
//
// 2. Connections. The emulator relays each request to a worker with Node's
//    default agent, which keeps idle connections for 5 s, while the workers'
//    gunicorn closes them after 2 s. A request sent on a connection just as
//    gunicorn closes it fails with "socket hang up" or ECONNRESET (a 500 for
//    the caller). Here every relayed request gets a connection of its own.
//
// 3. Secrets. Before every worker start the emulator asks Cloud Secret
//    Manager for each declared secret missing from functions/.secret.local,
//    and logs an error when that fails, as it always does for a `demo-`
//    project (no credentials, no such project). Here, for `demo-` projects
//    only, a secret comes from the environment (the tests' fake Stripe keys)
//    or is empty, as without the preload, but without the lookup.
"use strict";

const http = require("http");
const path = require("path");

const cli = path.dirname(require.resolve("firebase-tools"));
const portfinder = require(require.resolve("portfinder", { paths: [path.join(cli, "emulator")] }));
const secretManager = require(path.join(cli, "gcp", "secretManager"));

const findFreePort = portfinder.getPortPromise;
const handedOut = new Set();
let previous = Promise.resolve();

async function uniqueFreePort(options = {}) {
  let port = await findFreePort({ ...options });
  while (handedOut.has(port)) {
    port = await findFreePort({ ...options, port: port + 1 });
  }
  handedOut.add(port);
  return port;
}

portfinder.getPortPromise = function getPortPromise(options) {
  const next = previous.then(() => uniqueFreePort(options));
  previous = next.catch(() => undefined);
  return next;
};

http.globalAgent = new http.Agent({ keepAlive: false });

const accessSecretVersion = secretManager.accessSecretVersion;

secretManager.accessSecretVersion = function localSecret(projectId, name, version) {
  if (String(projectId).startsWith("demo-")) {
    return Promise.resolve(process.env[name] ?? "");
  }
  return accessSecretVersion(projectId, name, version);
};
