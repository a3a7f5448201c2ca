const fs = require('fs')

// `exports.g = function () { … }` (anonymous), required with a .js extension
exports.readCache = function () {
  return fs.readFileSync('cache.json', 'utf8') // want RT103 "through readCache\(\)"
}

// negative: same form, only passed by reference inside a handler
exports.clearCache = function () {
  fs.rmSync('cache.json', { force: true })
}

// negative: same form, only called dynamically (handlers[name]()) inside a handler
exports.dumpCache = function () {
  fs.writeFileSync('cache-dump.json', '{}')
}
