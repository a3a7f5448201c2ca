const fs = require('fs')

// exported as `module.exports = { … }`, destructured by server.js, called from app.get
function loadSettings() {
  return JSON.parse(fs.readFileSync('settings.json', 'utf8')) // want RT103 "reached from route handler for app\.get\('/settings'\) \([^)]*server\.js:\d+\) through loadSettings\(\)"
}

// same export, called from app.put
function saveSettings(s) {
  fs.writeFileSync('settings.json', JSON.stringify(s)) // want RT103 "reached from route handler for app\.put\('/settings'\) \([^)]*server\.js:\d+\) through saveSettings\(\)"
}

// negative: same export, only called from a sync function at startup
function resetSettings() {
  fs.writeFileSync('settings.json', '{}')
}

// negative: only called at module top level of server.js
function readBanner() {
  return fs.readFileSync('banner.txt', 'utf8')
}

// negative: only called inside the app.listen callback
function listenMessage() {
  return fs.readFileSync('motd.txt', 'utf8')
}

module.exports = { loadSettings, saveSettings, resetSettings, readBanner, listenMessage }
