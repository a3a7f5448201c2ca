// Helpers the server calls: sync file I/O that blocks the handlers reaching it.
const fs = require('fs');

function loadSettings() {
  return JSON.parse(fs.readFileSync('settings.json', 'utf8')); // RT103, reached from server.js
}

module.exports = { loadSettings };
