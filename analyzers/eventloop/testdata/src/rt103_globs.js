// Sync helpers of file-system libraries.
const glob = require('glob');
const fg = require('fast-glob');
const { mkdirp } = require('mkdirp');
const { rimraf } = require('rimraf');

async function build() {
  const files = glob.sync('src/**/*.js'); // want RT103
  const more = fg.sync('lib/**'); // want RT103
  mkdirp.sync('out'); // want RT103
  rimraf.sync('tmp'); // want RT103
  return [files, more, await glob.glob('x/**')];
}

const startup = glob.sync('plugins/*.js'); // startup: fine
