const { execSync, spawnSync: spawn } = require('child_process');
const cp = require('node:child_process');

app.get('/version', (req, res) => {
  res.send(execSync('git rev-parse HEAD').toString()); // want RT104 "execSync\(\) \(child_process.execSync\) blocks the event loop in route handler for app.get\('/version'\)"
});

async function run() {
  spawn('ls'); // want RT104
  cp.execFileSync('ls'); // want RT104
  cp.exec('ls', () => {});
}

const head = execSync('git rev-parse HEAD');

// Awaiting a sync call does not make it async.
async function hasYarn() {
  return await require('child_process').execSync('yarn --version'); // want RT104
}
