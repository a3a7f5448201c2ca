// Tests for src/config.ts (compiled to out/config.js by `npm run bundle`).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const config = require('../out/config.js');

function getter(values) {
  return (key) => values[key];
}

const DEFAULT_SERVER = {
  select: [],
  ignore: [],
  severity: {},
  rules: {},
  transitive: true,
  run: 'onType',
  diagnosticMode: 'openFilesOnly',
  configuration: '',
  showUnusedSuppressions: true,
  codeAction: { disableRuleComment: { enable: true } },
  showDocumentation: { enable: true },
};

test('defaults when nothing is set', () => {
  const s = config.readSettings(getter({}));
  assert.deepEqual(s, { enable: true, path: '', args: [], server: DEFAULT_SERVER });
  assert.deepEqual(config.serverArgs(s), ['server']);
  assert.deepEqual(config.initializationOptions(s), DEFAULT_SERVER);
});

test('VS Code defaults from package.json give the same settings', () => {
  const pkg = require('../package.json');
  const props = pkg.contributes.configuration.properties;
  const defaults = {};
  for (const [key, prop] of Object.entries(props)) {
    defaults[key.replace(/^rtlint\./, '')] = prop.default;
  }
  assert.deepEqual(config.readSettings(getter(defaults)), { enable: true, path: '', args: [], server: DEFAULT_SERVER });
  assert.deepEqual(props['rtlint.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.deepEqual(props['rtlint.run'].enum, ['onType', 'onSave']);
});

// Every server setting the extension declares is one the server reads
// (server/config.go), and every one it reads is declared.
test('declared settings are the server settings', () => {
  const pkg = require('../package.json');
  const declared = Object.keys(pkg.contributes.configuration.properties).map((k) => k.replace(/^rtlint\./, ''));
  const clientOnly = ['enable', 'path', 'args', 'trace.server'];
  const flatten = (obj, prefix = '') =>
    Object.entries(obj).flatMap(([k, v]) =>
      v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length && !['severity', 'rules'].includes(k)
        ? flatten(v, prefix + k + '.')
        : [prefix + k],
    );
  const server = flatten(config.serverSettings(config.readSettings(getter({}))));
  assert.deepEqual([...declared.filter((k) => !clientOnly.includes(k))].sort(), [...server].sort());
  const goSettings = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'server', 'config.go'), 'utf8');
  for (const key of server) {
    assert.match(goSettings, new RegExp(`json:"${key.split('.').pop()}"`), `server/config.go does not read ${key}`);
  }
});

test('the untrusted-workspace mode restricts what runs a program', () => {
  const pkg = require('../package.json');
  const u = pkg.capabilities.untrustedWorkspaces;
  assert.equal(u.supported, 'limited');
  assert.deepEqual([...u.restrictedConfigurations].sort(), ['rtlint.args', 'rtlint.configuration', 'rtlint.path']);
  const commands = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(commands, ['rtlint.fixAll', 'rtlint.restart', 'rtlint.showOutput']);
});

test('settings reach the server as given, with their types checked', () => {
  const s = config.readSettings(
    getter({
      path: 'x', args: ['-v'], select: ['RT1', ' RT301 '], ignore: ['RT105'], trace: { server: 'verbose' },
      severity: { RT105: 'error', RT101: 3 }, rules: { RT103: { 'include-stat-calls': true }, RT104: 'no' },
      transitive: false, run: 'onSave', diagnosticMode: 'workspace', configuration: '~/team.toml', showUnusedSuppressions: false,
      'codeAction.disableRuleComment.enable': false, 'showDocumentation.enable': false,
    }),
    { home: '/home/me' },
  );
  assert.deepEqual(config.initializationOptions(s), {
    select: ['RT1', 'RT301'], ignore: ['RT105'], severity: { RT105: 'error' }, rules: { RT103: { 'include-stat-calls': true } },
    transitive: false, run: 'onSave', diagnosticMode: 'workspace', configuration: '/home/me/team.toml', showUnusedSuppressions: false,
    codeAction: { disableRuleComment: { enable: false } }, showDocumentation: { enable: false },
  });
});

test('initializationOptions are a copy', () => {
  const s = config.readSettings(getter({ select: ['RT1'] }));
  const opts = config.initializationOptions(s);
  opts.select.push('RT2');
  assert.deepEqual(s.server.select, ['RT1']);
});

test('bad values fall back to defaults', () => {
  const s = config.readSettings(getter({ path: '   ', args: 'server', select: 'RT1', ignore: [1, null, '', 'RT2'], run: 'often', enable: 'yes' }));
  assert.equal(s.path, '');
  assert.deepEqual(s.args, []);
  assert.deepEqual(s.server.select, []);
  assert.deepEqual(s.server.ignore, ['RT2']);
  assert.equal(s.server.run, 'onType');
  assert.equal(s.enable, true);
  assert.deepEqual(config.readSettings(getter({ path: 42, args: [1, '--x'] })).args, ['--x']);
});

test('~ and ${workspaceFolder} are expanded', () => {
  const ctx = { home: '/home/me', workspaceFolder: '/src/proj' };
  assert.equal(config.expandPath('~/go/bin/rtlint', ctx), '/home/me/go/bin/rtlint');
  assert.equal(config.expandPath('~', ctx), '/home/me');
  assert.equal(config.expandPath('${workspaceFolder}/bin/rtlint', ctx), '/src/proj/bin/rtlint');
  assert.equal(config.expandPath('${userHome}/rtlint', ctx), '/home/me/rtlint');
  assert.equal(config.expandPath('rtlint~x', ctx), 'rtlint~x');
  // Without a workspace folder the variable is left alone.
  assert.equal(config.expandPath('${workspaceFolder}/rtlint', { home: '/h' }), '${workspaceFolder}/rtlint');
});

test('the binary is found: rtlint.path, then PATH, then where go install puts it', () => {
  const exists = (files) => (f) => files.includes(f);
  const none = config.readSettings(getter({}));
  const env = { PATH: '/usr/bin:/opt/x', GOBIN: '/gobin', GOPATH: '/gp1:/gp2', home: '/home/me', platform: 'linux' };
  assert.equal(config.findServer(none, { ...env, isExecutable: exists(['/opt/x/rtlint', '/gobin/rtlint']) }), '/opt/x/rtlint');
  assert.equal(config.findServer(none, { ...env, isExecutable: exists(['/gobin/rtlint', '/home/me/go/bin/rtlint']) }), '/gobin/rtlint');
  assert.equal(config.findServer(none, { ...env, isExecutable: exists(['/gp2/bin/rtlint', '/home/me/go/bin/rtlint']) }), '/gp2/bin/rtlint');
  assert.equal(config.findServer(none, { ...env, isExecutable: exists(['/home/me/go/bin/rtlint']) }), '/home/me/go/bin/rtlint');
  assert.equal(config.findServer(none, { ...env, isExecutable: exists([]) }), undefined);
  // A path setting wins, and is not replaced by a guess when it is wrong.
  const set = config.readSettings(getter({ path: '~/bin/rtlint' }));
  assert.equal(config.findServer(set, { ...env, isExecutable: exists(['/home/me/bin/rtlint', '/opt/x/rtlint']) }, { home: '/home/me' }), '/home/me/bin/rtlint');
  assert.equal(config.findServer(set, { ...env, isExecutable: exists(['/opt/x/rtlint']) }, { home: '/home/me' }), undefined);
  // A bare name is looked up on PATH.
  const named = config.readSettings(getter({ path: 'rtlint-dev' }));
  assert.equal(config.findServer(named, { ...env, isExecutable: exists(['/usr/bin/rtlint-dev']) }), '/usr/bin/rtlint-dev');
  // The real file system: a file that is not executable is not a server.
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'rtlint-find-'));
  fs.writeFileSync(path.join(dir, 'rtlint'), '#!/bin/sh\n', { mode: 0o644 });
  assert.equal(config.findServer(none, { PATH: dir }), undefined);
  fs.chmodSync(path.join(dir, 'rtlint'), 0o755);
  assert.equal(config.findServer(none, { PATH: dir }), path.join(dir, 'rtlint'));
});

test('without a binary the message says how to install it', () => {
  assert.match(config.notFoundMessage(config.readSettings(getter({}))), /go install github\.com\/rtlint\/rtlint\/cmd\/rtlint@latest.*rtlint\.path/);
  assert.match(config.notFoundMessage(config.readSettings(getter({ path: '/x/rtlint' }))), /"\/x\/rtlint" \(the rtlint\.path setting\)/);
});

test('only enable, path and args changes need a restart', () => {
  const base = config.readSettings(getter({ path: 'rtlint', args: ['--log-level', 'info'], select: ['RT1'] }));
  const same = config.readSettings(getter({ path: 'rtlint', args: ['--log-level', 'info'], select: ['RT2'], ignore: ['RT105'], run: 'onSave' }));
  assert.equal(config.needsRestart(base, same), false);
  assert.equal(config.needsRestart(base, { ...base, path: '/usr/local/bin/rtlint' }), true);
  assert.equal(config.needsRestart(base, { ...base, args: ['--log-level', 'debug'] }), true);
  assert.equal(config.needsRestart(base, { ...base, args: ['--log-level'] }), true);
  assert.equal(config.needsRestart(base, { ...base, enable: false }), true);
});

test('start failures name the command', () => {
  assert.match(config.startFailureMessage('/x/rtlint', new Error('boom')), /"\/x\/rtlint": boom/);
});

test('config.js does not depend on vscode', () => {
  const src = fs.readFileSync(path.join(__dirname, '..', 'src', 'config.ts'), 'utf8');
  assert.doesNotMatch(src, /from ['"]vscode['"]|require\(['"]vscode['"]\)/);
});
