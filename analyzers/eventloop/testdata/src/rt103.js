const fs = require('fs');
const { readFileSync: rf, promises: fsp } = require('node:fs');

const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));

async function loadUser(id) {
  const raw = fs.readFileSync(`users/${id}.json`, 'utf8'); // want RT103 "fs.readFileSync\(\) blocks the event loop in async function loadUser\(\); use await fs.promises.readFile\(\)"
  rf('x'); // want RT103 "rf\(\) \(fs.readFileSync\)"
  if (fs.existsSync('y')) {} // a stat-like call: only with include-stat-calls
  await fs.promises.readFile('z');
  await fsp.writeFile('z', raw);
  return raw;
}

app.post('/upload', (req, res) => {
  fs.writeFileSync('/tmp/upload', req.body); // want RT103
  [1, 2].forEach((n) => fs.mkdirSync(`d${n}`)); // want RT103
  setTimeout(() => fs.unlinkSync('/tmp/upload'), 1000); // want RT103
});

app.listen(3000, () => {
  fs.writeFileSync('pid', String(process.pid));
});

process.on('exit', () => {
  fs.writeFileSync('done', '1');
});

function helper(fs) {
  return fs.readFileSync('local');
}

async function dynamicImport() {
  const fs2 = await import('node:fs');
  fs2.readFileSync('a'); // want RT103
}
