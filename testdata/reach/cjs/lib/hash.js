const crypto = require('crypto')

// whole-module export `module.exports = h`, called as `const hash = require('./lib/hash'); hash()`
function hashPassword(pw) {
  return crypto.pbkdf2Sync(pw, 'salt', 100000, 64, 'sha512') // want RT105 "through (hash|hashPassword)\(\)"
}

module.exports = hashPassword
