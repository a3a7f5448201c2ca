// A proof-of-work loop hashes and compares strings: CPU work.
const crypto = require('crypto');
const fs = require('fs');

async function mine(prefix) {
  let n = 0;
  while (true) { // want RT201 "loops forever"
    const h = crypto.createHash('sha256').update(prefix + n).digest('hex');
    if (h.startsWith('0000')) return n;
    n++;
  }
}

async function tail(fd) {
  let pos = 0;
  for (;;) { // I/O: reads a file
    const buf = Buffer.alloc(10);
    pos += fs.readSync(fd, buf, 0, 10, pos);
    if (pos > 100) return pos;
  }
}
