// The packaged extension (out/extension.js: the extension and
// vscode-languageclient 9, bundled as the .vsix ships them) driven against
// the real server, with `vscode` replaced by test/vscode-mock.js. The
// client declares pull diagnostics, as VS Code does: each finding must show
// once, not once per diagnostic collection (pushed and pulled).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const Module = require('node:module');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createVscode } = require('./vscode-mock.js');

const bin = process.env.RTLINT_BIN;
const required = !!process.env.RTLINT_REQUIRE_TOOLS;

function loadExtension(vscode) {
  const realLoad = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : realLoad.call(this, request, ...rest);
  };
  try {
    const file = require.resolve('../out/extension.js');
    delete require.cache[file];
    return require(file);
  } finally {
    Module._load = realLoad;
  }
}

async function waitFor(what, cond, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// Every diagnostic the editor would show for uri, across collections.
function shown(collections, uri) {
  return collections.flatMap((c) => (c.get(uri) || []).map((d) => ({ collection: c.name, code: d.code, message: d.message })));
}

test('the packaged extension shows each finding once to a pulling client', { skip: !bin && !required && 'RTLINT_BIN not set' }, async () => {
  assert.ok(bin, 'RTLINT_BIN must name a built rtlint binary (RTLINT_REQUIRE_TOOLS is set)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rtlint-ext-'));
  const file = path.join(dir, 'app.py');
  const text = 'import time\n\n\nasync def handler():\n    time.sleep(1)\n    return 1\n';
  fs.writeFileSync(file, text);

  const mock = createVscode({ path: bin, args: [] });
  const ext = loadExtension(mock.vscode);
  const doc = mock.openDocument(file, 'python', text);
  const context = { subscriptions: [], extensionPath: path.join(__dirname, '..'), extensionUri: mock.vscode.Uri.file(path.join(__dirname, '..')) };
  await ext.activate(context);
  process.on('exit', () => { if (process.exitCode) console.error(mock.channels.map((c) => c.lines.join('')).join('\n')); });
  assert.deepEqual(mock.messages.filter((m) => m.kind === 'error'), [], 'activation showed an error');
  for (const cmd of ['rtlint.restart', 'rtlint.fixAll', 'rtlint.showOutput', 'rtlint.showDocumentation']) {
    assert.ok(mock.vscode.commands.registered.has(cmd), `command ${cmd} not registered`);
  }

  await waitFor('the RT101 finding', () => shown(mock.collections, doc.uri).some((d) => d.code?.value === 'RT101' || d.code === 'RT101'));
  // Give a push (if the server wrongly sent one) time to arrive too.
  await new Promise((r) => setTimeout(r, 700));
  const found = shown(mock.collections, doc.uri);
  assert.equal(found.length, 1, `each finding once; shown: ${JSON.stringify(found)}`);

  // An edit that removes the call: the finding goes, in every collection.
  const at = doc.text.indexOf('time.sleep(1)');
  mock.editDocument(doc, at, at + 'time.sleep(1)'.length, 'pass');
  await waitFor('the finding to go', () => shown(mock.collections, doc.uri).length === 0);

  await ext.deactivate();
  for (const d of context.subscriptions) d.dispose();
});

test('without a binary the extension says how to install one', async () => {
  const mock = createVscode({ path: path.join(os.tmpdir(), 'no-such-dir', 'rtlint') });
  const ext = loadExtension(mock.vscode);
  await ext.activate({ subscriptions: [] });
  const errors = mock.messages.filter((m) => m.kind === 'error').map((m) => m.msg);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.match(errors[0], /go install github\.com\/rtlint\/rtlint\/cmd\/rtlint@latest/);
  await ext.deactivate();
});
