// An Express service written the idiomatic, async, pooled way: rtlint must
// report nothing here.
const express = require('express');
const fs = require('node:fs');
const { readFile } = require('node:fs/promises');
const { promisify } = require('node:util');
const crypto = require('node:crypto');
const { execFile } = require('node:child_process');
const { Worker } = require('node:worker_threads');
const { Pool } = require('pg');
const https = require('node:https');

const config = JSON.parse(fs.readFileSync('config.json', 'utf8'));
const pool = new Pool(config.db);
const agent = new https.Agent({ keepAlive: true });
const pbkdf2 = promisify(crypto.pbkdf2);
const execFileAsync = promisify(execFile);
const app = express();

function runWorker(file, data) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: data });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

app.get('/users/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});

app.get('/template/:name', async (req, res) => {
  res.send(await readFile(`templates/${req.params.name}.html`, 'utf8'));
});

app.post('/login', async (req, res) => {
  const key = await pbkdf2(req.body.password, config.salt, 100000, 64, 'sha512');
  res.json({ key: key.toString('hex') });
});

app.get('/version', async (req, res) => {
  const { stdout } = await execFileAsync('git', ['rev-parse', 'HEAD']);
  res.send(stdout.trim());
});

app.get('/fib/:n', async (req, res) => {
  res.json({ value: await runWorker('./fib-worker.js', Number(req.params.n)) });
});

app.get('/totals', async (req, res) => {
  const { rows } = await pool.query('SELECT price, qty FROM items');
  let total = 0;
  for (const row of rows) {
    total += row.price * row.qty;
  }
  res.json({ total });
});

app.listen(3000, () => {
  fs.writeFileSync('server.pid', String(process.pid));
});
