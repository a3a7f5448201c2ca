const crypto = require('crypto');
const zlib = require('node:zlib');
const bcrypt = require('bcrypt');

app.post('/login', (req, res) => {
  const key = crypto.pbkdf2Sync(req.body.password, 'salt', 100000, 64, 'sha512'); // want RT105 "use await util.promisify\(crypto.pbkdf2\)\(\)"
  const body = zlib.gzipSync(JSON.stringify(key)); // want RT105
  bcrypt.compareSync(req.body.password, 'hash'); // want RT105 "await bcrypt.compare\(\)"
  crypto.createHash('sha256').update('x').digest('hex');
  res.send(body);
});

const pair = crypto.generateKeyPairSync('ed25519');
