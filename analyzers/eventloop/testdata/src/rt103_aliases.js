// fs-extra, graceful-fs, fs-promise, mz/fs and TypeScript's interop
// wrappers are fs.
const fse = require('fs-extra');
const gfs = require('graceful-fs');
const fsp = require('fs-promise');
const mzfs = require('mz/fs');
const fs_1 = __importStar(require("fs"));
const path_1 = tslib_1.__importDefault(require("path"));

async function load(name) {
  const cfg = fse.readJsonSync('config.json'); // want RT103
  fse.copySync('a', 'b'); // want RT103
  const raw = gfs.readFileSync('x'); // want RT103
  fsp.writeFileSync('w', raw); // want RT103
  await mzfs.readFile('fine'); // a promise: fine
  mzfs.readdirSync('.'); // want RT103
  const text = fs_1.readFileSync('y', 'utf8'); // want RT103
  if (fse.pathExistsSync('z')) {} // stat-like: only with include-stat-calls
  const plugin = require(path_1.default.join('plugins', name)); // want RT103 "top-level import"
  return [cfg, raw, text, plugin];
}

const top = require('./config'); // startup: fine

async function builtins() {
  const p = require('node:path'); // a builtin: no file to read
  const fsp = require('fs/promises');
  return [p, fsp];
}
