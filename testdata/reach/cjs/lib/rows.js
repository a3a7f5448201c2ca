const fs = require('fs')

// reached from the callback of fs.readFile(p, cb) in watch.js
function storeRows(data) {
  fs.writeFileSync('rows.json', data) // want RT103 "reached from .*fs\.readFile.* \([^)]*watch\.js:\d+\) through storeRows\(\)"
}

// reached from a setInterval callback
function rotateLog() {
  fs.renameSync('app.log', 'app.log.1') // want RT103 "reached from (a )?setInterval\(\) callback .* through rotateLog\(\)"
}

// reached from a .catch() callback
function logError(err) {
  fs.appendFileSync('error.log', String(err)) // want RT103 "reached from .*\.catch\(\) callback .* through logError\(\)"
}

// reached from a .once() listener on a child process
function onChildExit(code) {
  fs.writeFileSync('child.status', String(code)) // want RT103 "reached from an? 'exit' listener .* through onChildExit\(\)"
}

// negative: only called from process.on('exit'), which must be synchronous
function writeExitLog() {
  fs.writeFileSync('exit.log', 'bye')
}

module.exports = { storeRows, rotateLog, logError, onChildExit, writeExitLog }
