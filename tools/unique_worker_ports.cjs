// Loaded into the firebase CLI (`node --require`) by tools/stack.py.
//
// The functions emulator starts each Python worker on
// `portfinder.getPortPromise({port: 8081 + random(0, 1000)})`. portfinder
// only checks that a port is free *now*; a worker binds it a second or two
// later, once Python has imported our code. When several workers start
// together (a burst of concurrent requests), two can be handed the same
// port: the second one fails with "Connection in use", the emulator notices
// only when it exits, and requests routed to it meanwhile end in ECONNRESET.
//
// Here the CLI hands each port out at most once, one request at a time.
"use strict";

const path = require("path");

const cli = path.dirname(require.resolve("firebase-tools"));
const portfinder = require(require.resolve("portfinder", { paths: [path.join(cli, "emulator")] }));

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
