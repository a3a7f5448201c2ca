const fs = require('fs')

// a handler-shaped function (req, res) defined here and registered in server.js
function exportUsers(req, res) {
  res.send(dumpUsers())
}

// reached from exportUsers(req, res)
function dumpUsers() {
  return fs.readFileSync('users.csv', 'utf8') // want RT103 "reached from handler exportUsers\(\) \(line \d+\) through dumpUsers\(\)"
}

module.exports = { exportUsers }
