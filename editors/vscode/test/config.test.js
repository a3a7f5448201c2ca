// Tests for src/config.ts (compiled to out/config.js by `npm run bundle`).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');

const config = require('../out/config.js');

function getter(values) {
  return (key) => values[key];
}

test('defaults when nothing is set', () => {
  const s = config.readSettings(getter({}));
  assert.deepEqual(s, { path: 'rtlint', args: [], select: [], ignore: [] });
  assert.deepEqual(config.serverCommand(s), { command: 'rtlint', args: ['server'] });
  assert.deepEqual(config.initializationOptions(s), { select: [], ignore: [] });
});

test('VS Code defaults from package.json give the same settings', () => {
  const pkg = require('../package.json');
  const props = pkg.contributes.configuration.properties;
  const defaults = {};
  for (const [key, prop] of Object.entries(props)) {
    defaults[key.replace(/^rtlint\./, '')] = prop.default;
  }
  assert.deepEqual(config.readSettings(getter(defaults)), { path: 'rtlint', args: [], select: [], ignore: [] });
  assert.deepEqual(props['rtlint.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('path and args make the command line', () => {
  const s = config.readSettings(getter({ path: '/opt/rtlint/bin/rtlint', args: ['--log-file', 'auto'] }));
  assert.deepEqual(config.serverCommand(s), {
    command: '/opt/rtlint/bin/rtlint',
    args: ['server', '--log-file', 'auto'],
  });
});

test('select and ignore become initializationOptions {select, ignore} only', () => {
  const s = config.readSettings(
    getter({ path: 'x', args: ['-v'], select: ['RT1', ' RT301 '], ignore: ['RT105'], trace: { server: 'verbose' } }),
  );
  assert.deepEqual(config.initializationOptions(s), { select: ['RT1', 'RT301'], ignore: ['RT105'] });
  assert.deepEqual(Object.keys(config.initializationOptions(s)).sort(), ['ignore', 'select']);
});

test('initializationOptions are a copy', () => {
  const s = config.readSettings(getter({ select: ['RT1'] }));
  const opts = config.initializationOptions(s);
  opts.select.push('RT2');
  assert.deepEqual(s.select, ['RT1']);
});

test('bad values fall back to defaults', () => {
  const s = config.readSettings(getter({ path: '   ', args: 'server', select: 'RT1', ignore: [1, null, '', 'RT2'] }));
  assert.deepEqual(s, { path: 'rtlint', args: [], select: [], ignore: ['RT2'] });
  assert.deepEqual(config.readSettings(getter({ path: 42, args: [1, '--x'] })).args, ['--x']);
});

test('~ and ${workspaceFolder} are expanded in the path', () => {
  const ctx = { home: '/home/me', workspaceFolder: '/src/proj' };
  assert.equal(config.expandPath('~/go/bin/rtlint', ctx), '/home/me/go/bin/rtlint');
  assert.equal(config.expandPath('~', ctx), '/home/me');
  assert.equal(config.expandPath('${workspaceFolder}/bin/rtlint', ctx), '/src/proj/bin/rtlint');
  assert.equal(config.expandPath('${userHome}/rtlint', ctx), '/home/me/rtlint');
  assert.equal(config.expandPath('rtlint~x', ctx), 'rtlint~x');
  // Without a workspace folder the variable is left alone.
  assert.equal(config.expandPath('${workspaceFolder}/rtlint', { home: '/h' }), '${workspaceFolder}/rtlint');
  const s = config.readSettings(getter({ path: '~/bin/rtlint' }));
  assert.equal(config.serverCommand(s, ctx).command, '/home/me/bin/rtlint');
});

test('only path and args changes need a restart', () => {
  const base = config.readSettings(getter({ path: 'rtlint', args: ['--log-level', 'info'], select: ['RT1'] }));
  const same = config.readSettings(getter({ path: 'rtlint', args: ['--log-level', 'info'], select: ['RT2'], ignore: ['RT105'] }));
  assert.equal(config.needsRestart(base, same), false);
  assert.equal(config.needsRestart(base, { ...base, path: '/usr/local/bin/rtlint' }), true);
  assert.equal(config.needsRestart(base, { ...base, args: ['--log-level', 'debug'] }), true);
  assert.equal(config.needsRestart(base, { ...base, args: ['--log-level'] }), true);
});

test('start failures explain a missing executable', () => {
  const enoent = Object.assign(new Error('spawn rtlint ENOENT'), { code: 'ENOENT' });
  assert.match(config.startFailureMessage('rtlint', enoent), /"rtlint" was not found.*rtlint\.path/);
  assert.match(config.startFailureMessage('/x/rtlint', new Error('boom')), /"\/x\/rtlint": boom/);
});

test('config.js does not depend on vscode', () => {
  const fs = require('node:fs');
  const path = require('node:path');
  const src = fs.readFileSync(path.join(__dirname, '..', 'src', 'config.ts'), 'utf8');
  assert.doesNotMatch(src, /from ['"]vscode['"]|require\(['"]vscode['"]\)/);
});
