// A program whose async function blocks in every way the safe fixes cure.
// exec_test.go runs it before and after --fix: the output must not change.
const fs = require('fs');
const { execSync } = require('child_process');
const crypto = require('crypto');
const zlib = require('zlib');

async function work(root) {
  const data = fs.readFileSync(root + '/a.txt', 'utf8');
  const names = fs.readdirSync(root).sort();
  const out = execSync('echo hi').toString().trim();
  const key = crypto.pbkdf2Sync('pw', 'salt', 1000, 16, 'sha256').toString('hex');
  const packed = zlib.gzipSync(Buffer.from(data)).length > 0;
  return { data, names, out, key, packed };
}

work(process.argv[2]).then((r) => console.log(JSON.stringify(r)));
