// Stat-like calls are flagged only with include-stat-calls.
const fs = require('fs');

async function check(p) {
  if (fs.existsSync(p)) { // want RT103
    return fs.statSync(p).size; // want RT103 "fs.promises.stat"
  }
  fs.accessSync(p); // want RT103
  return fs.readFileSync(p); // want RT103
}
