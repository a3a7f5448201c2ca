// An Express-style handler that computes fib on the event loop; the
// worker_threads fix must keep the printed value the same.
function fib(n) {
  return n < 2 ? n : add(fib(n - 1), fib(n - 2));
}

function add(a, b) {
  return a + b;
}

const handler = (req, res) => {
  res.json(fib(req.n)); // want RT201
};

handler({ n: 25 }, { json: (value) => console.log(value) });
