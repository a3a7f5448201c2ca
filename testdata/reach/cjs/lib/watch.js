const fs = require('fs')
const { spawn } = require('child_process')
const { storeRows, rotateLog, logError, onChildExit, writeExitLog } = require('./rows')

// Node callback API: the completion callback runs on the event loop
fs.readFile('rows.csv', (err, data) => {
  if (!err) storeRows(data)
})

// timer with an inline arrow, registered at startup
setInterval(() => rotateLog(), 60000)

// promise rejection handler
fetch('https://example.com/ping').catch((err) => logError(err))

// listener on a child process (not process.on('exit'))
const child = spawn('worker')
child.once('exit', (code) => onChildExit(code))

// negative: process.on('exit') listener
process.on('exit', () => writeExitLog())
