const { execaSync } = require('execa');
const spawn = require('cross-spawn');

async function deploy() {
  execaSync('git', ['pull']); // want RT104
  spawn.sync('npm', ['ci']); // want RT104
}
