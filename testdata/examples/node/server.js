// An Express server with the mistakes rtlint exists to catch.
const express = require('express');
const fs = require('node:fs');
const { execSync } = require('child_process');
const crypto = require('crypto');
const Database = require('better-sqlite3');
const readlineSync = require('readline-sync');
const { loadSettings } = require('./settings');

const config = JSON.parse(fs.readFileSync('config.json', 'utf8')); // startup: fine
const db = new Database('app.db');
const app = express();

app.get('/settings', (req, res) => {
  res.json(loadSettings()); // the blocking call is in settings.js: reach follows it
});

app.get('/users/:id', (req, res) => {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(req.params.id); // RT106
  res.json(row);
});

app.get('/files/:name', async (req, res) => {
  const body = fs.readFileSync(`uploads/${req.params.name}`); // RT103
  res.send(body);
});

app.post('/deploy', (req, res) => {
  res.send(execSync('git rev-parse HEAD').toString()); // RT104
});

app.post('/login', (req, res) => {
  const key = crypto.pbkdf2Sync(req.body.password, config.salt, 100000, 64, 'sha512'); // RT105
  res.json({ key: key.toString('hex') });
});

app.get('/slow', (req, res) => {
  const end = Date.now() + 100;
  while (Date.now() < end) {} // RT101 busy wait
  res.end();
});

async function adminShell() {
  return readlineSync.question('admin> '); // RT107
}

app.listen(3000, () => {
  fs.writeFileSync('server.pid', String(process.pid)); // listen callback: fine
});
