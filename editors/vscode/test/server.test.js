// End-to-end: the real `rtlint server` driven by the same protocol library
// the extension uses (vscode-languageserver-protocol over vscode-jsonrpc),
// with initializationOptions built by src/config.ts as the extension does.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol');

const config = require('../out/config.js');

const bin = process.env.RTLINT_BIN;
const required = !!process.env.RTLINT_REQUIRE_TOOLS;

test('rtlint server publishes diagnostics and quick fixes to a vscode-languageserver-protocol client', { skip: !bin && !required && 'RTLINT_BIN not set' }, async () => {
  assert.ok(bin, 'RTLINT_BIN must name a built rtlint binary (RTLINT_REQUIRE_TOOLS is set)');
  const settings = config.readSettings((key) => ({ path: bin, ignore: ['RT3'] })[key]);
  const command = config.findServer(settings, { PATH: process.env.PATH });
  assert.equal(command, bin);
  const child = spawn(command, config.serverArgs(settings), { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const diagnostics = new Map();
  let notify;
  conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p.diagnostics);
    if (notify) notify();
  });
  // A client must answer the server's own requests.
  conn.onRequest(lsp.RegistrationRequest.type, () => null);
  conn.onRequest(lsp.ConfigurationRequest.type, (p) => p.items.map(() => null));
  conn.listen();
  const waitFor = (uri, pred) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}`)), 20000);
    const check = () => {
      const d = diagnostics.get(uri);
      if (d && pred(d)) { clearTimeout(timer); notify = undefined; resolve(d); }
    };
    notify = check;
    check();
  });

  const init = await conn.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid, rootUri: null, capabilities: {},
    initializationOptions: config.initializationOptions(settings),
  });
  assert.equal(init.capabilities.textDocumentSync.change, lsp.TextDocumentSyncKind.Incremental);
  await conn.sendNotification(lsp.InitializedNotification.type, {});

  const uri = 'file:///tmp/rtlint-vscode-e2e/app.js';
  const text = "const fs = require('fs');\nconst json = JSON.stringify({});\n\nasync function load() {\n  return fs.readFileSync('a.txt', 'utf8');\n}\n";
  await conn.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'javascript', version: 1, text } });
  const diags = await waitFor(uri, (d) => d.length > 0);
  assert.equal(diags.length, 1);
  assert.equal(diags[0].code, 'RT103');
  assert.equal(diags[0].source, 'rtlint');
  assert.deepEqual(diags[0].range, { start: { line: 4, character: 9 }, end: { line: 4, character: 41 } });

  const actions = await conn.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags },
  });
  const quick = actions.find((a) => a.title === 'Use await fs.promises.readFile()');
  assert.ok(quick, `quick fix missing from ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.ok(actions.some((a) => a.title === 'Suppress RT103 on this line'));
  const edits = quick.edit.changes[uri];
  assert.equal(edits.length, 1);
  assert.equal(edits[0].newText, "await fs.promises.readFile('a.txt', 'utf8')");

  // Apply it as VS Code would: an incremental change; the finding goes away.
  await conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 }, contentChanges: [{ range: edits[0].range, text: edits[0].newText }],
  });
  await waitFor(uri, (d) => d.length === 0);

  await conn.sendRequest(lsp.ShutdownRequest.type);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await conn.sendNotification(lsp.ExitNotification.type);
  assert.equal(await exited, 0);
  conn.dispose();
});
