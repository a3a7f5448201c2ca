// Node 12 has no node: specifiers and no fs/promises module.
const { readFileSync } = require('fs');
const crypto = require('crypto');

async function load(name, password, salt) {
  const text = readFileSync(name, 'utf8'); // want RT103
  const key = crypto.pbkdf2Sync(password, salt, 100000, 64, 'sha512'); // want RT105
  return [text, key];
}

module.exports = { load };
