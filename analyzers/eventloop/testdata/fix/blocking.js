'use strict';
// Blocking calls in async functions, with their safe fixes.
const fs = require('node:fs');
const { readFileSync } = require('fs');
const { execSync } = require('child_process');
const crypto = require('crypto');
const zlib = require('zlib');

async function load(id) {
  const raw = fs.readFileSync(`users/${id}.json`, 'utf8'); // want RT103
  const cfg = readFileSync('config.json', 'utf8'); // want RT103
  fs.writeFileSync('out.txt', raw); // want RT103
  const head = execSync('git rev-parse HEAD').toString(); // want RT104
  const key = crypto.pbkdf2Sync('pw', 'salt', 1000, 32, 'sha256'); // want RT105
  const gz = zlib.gzipSync(raw); // want RT105
  const ok = fs.existsSync('x'); // stat-like: only with include-stat-calls
  return [raw, cfg, head, key, gz, ok, fs.statSync('y').size];
}

app.get('/sync', (req, res) => {
  res.send(fs.readFileSync('x')); // want RT103
});
