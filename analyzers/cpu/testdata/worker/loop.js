// A handler with a CPU-heavy loop on the event loop; the worker_threads
// fix moves the loop out and must keep the printed values the same.
const SCALE = 3;

function mix(a, b) {
  return (a * 31 + b) % 1000003;
}

const handler = (req, res) => {
  let acc = 0;
  let last = -1;
  const seed = req.seed;
  for (let i = 0; i < 2000000; i++) { // want RT201
    acc = mix(acc, i + seed) * SCALE % 1000003;
    last = i;
  }
  res.json({ acc, last });
};

handler({ seed: 7 }, { json: (v) => console.log(JSON.stringify(v)) });
