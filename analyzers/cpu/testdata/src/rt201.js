const express = require('express');
const app = express();

function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function busy() {
  let s = 0;
  for (let i = 0; i < 5e6; i++) {
    s += i % 7;
  }
  return s;
}

app.get('/fib/:n', (req, res) => {
  res.json(fib(Number(req.params.n))); // want RT201 "fib\(\) is CPU-heavy \(it recurses into itself\) and blocks the event loop in route handler for app.get\('/fib/:n'\); move it to a worker thread \(worker_threads\)"
});

app.get('/busy', async (req, res) => {
  res.json(busy()); // want RT201
  let acc = 0;
  for (let i = 0; i < 1000000; i++) { // want RT201 "loops 1,000,000 times"
    acc += i;
  }
  for (const user of req.body.users) {
    acc += user.score;
  }
  for (let i = 0; i < 100; i++) {
    acc += i;
  }
  for (;;) { // want RT201 "loops forever"
    acc = (acc * 31) % 1000003;
    if (acc === 1) break;
  }
  res.json(acc);
});

async function poll() {
  while (true) {
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const table = [];
for (let i = 0; i < 1e6; i++) {
  table.push(i * 2);
}
console.log(fib(25));

// Babel's helper replaces itself on first call: not recursion.
function _typeof(obj) {
  _typeof = function (o) { return typeof o; };
  return _typeof(obj);
}

async function describe(x) {
  return _typeof(x);
}

// A local binding shadows a same-named function elsewhere in the file.
function spin() {
  for (let i = 0; i < 1e9; i++) {}
}

function emit(x) {
  return x;
}

async function relay(x) {
  const spin = emit;
  return spin(x);
}

async function really(x) {
  return spin(x); // want RT201
}
