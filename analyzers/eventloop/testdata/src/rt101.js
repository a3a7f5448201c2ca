const express = require('express');
const app = express();

async function waitFor(buf) {
  Atomics.wait(buf, 0, 0, 100); // want RT101 "Atomics.wait\(\) blocks the event loop in async function waitFor\(\)"
}

app.get('/spin', (req, res) => {
  const end = Date.now() + 50;
  while (Date.now() < end) {} // want RT101 "busy-wait loop on the clock blocks the event loop in route handler for app.get\('/spin'\)"
  res.send('ok');
});

async function politeWait(ms) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    await new Promise((r) => setTimeout(r, 1));
  }
}

function syncSpin() {
  const end = Date.now() + 5;
  while (Date.now() < end) {}
}

for (let i = 0; i < 3; i++) {}
