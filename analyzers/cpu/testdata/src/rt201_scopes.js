// Names resolve to their innermost binding: a local `const c = emit` is not
// the heavy top-level `function c`, and a class V nested in a function is
// not the top-level one.
function c(n) {
  let x = 0;
  for (let i = 0; i < 1000000; i++) x += i * n;
  return x;
}

function V() {
  let x = 0;
  for (let i = 0; i < 1000000; i++) x += i;
  this.x = x;
}

async function handler(emit) {
  const c = emit;
  c(1);
  function V() { this.ok = true; }
  return new V();
}

async function heavy() {
  return c(2); // want RT201 "c\(\) is CPU-heavy"
}
