// A small stand-in for the `vscode` module: enough of the API for the
// extension and vscode-languageclient 9 to start, sync documents and show
// diagnostics, so a test can run the packaged extension (out/extension.js)
// against the real server. VS Code itself cannot be installed here.
//
// What the test needs to observe is recorded: diagnostic collections (by
// name), messages shown, commands registered. Anything the client touches
// that is not modelled here is a no-op returning a Disposable.
'use strict';

const path = require('node:path');

class Disposable {
  constructor(fn) { this.fn = fn; }
  dispose() { if (this.fn) { const f = this.fn; this.fn = undefined; f(); } }
  static from(...items) { return new Disposable(() => items.forEach((d) => d && d.dispose && d.dispose())); }
}

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (fn, thisArg, disposables) => {
      const l = thisArg ? fn.bind(thisArg) : fn;
      this.listeners.push(l);
      const d = new Disposable(() => { this.listeners = this.listeners.filter((x) => x !== l); });
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(e) { for (const l of [...this.listeners]) l(e); }
  dispose() { this.listeners = []; }
}

class Uri {
  constructor(scheme, authority, p, query, fragment) {
    Object.assign(this, { scheme, authority: authority || '', path: p || '', query: query || '', fragment: fragment || '' });
  }
  static parse(s) {
    const u = new URL(s);
    return new Uri(u.protocol.replace(/:$/, ''), u.host, decodeURIComponent(u.pathname), u.search.replace(/^\?/, ''), u.hash.replace(/^#/, ''));
  }
  static file(p) { return new Uri('file', '', p); }
  get fsPath() { return this.path; }
  with(change) { return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment); }
  toString() { return `${this.scheme}://${this.authority}${encodeURI(this.path)}${this.query ? '?' + this.query : ''}${this.fragment ? '#' + this.fragment : ''}`; }
  toJSON() { return this.toString(); }
}

class Position {
  constructor(line, character) { this.line = line; this.character = character; }
  isEqual(o) { return o.line === this.line && o.character === this.character; }
}

class Range {
  constructor(a, b, c, d) {
    if (a instanceof Position) { this.start = a; this.end = b; } else { this.start = new Position(a, b); this.end = new Position(c, d); }
  }
  get isEmpty() { return this.start.isEqual(this.end); }
}

class Location { constructor(uri, range) { this.uri = uri; this.range = range; } }
class Diagnostic { constructor(range, message, severity) { Object.assign(this, { range, message, severity: severity ?? 0 }); } }
class DiagnosticRelatedInformation { constructor(location, message) { this.location = location; this.message = message; } }
class CancellationError extends Error {}
class CancellationTokenSource {
  constructor() {
    const emitter = new EventEmitter();
    this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    this.emitter = emitter;
  }
  cancel() { this.token.isCancellationRequested = true; this.emitter.fire(); }
  dispose() {}
}
class CodeActionKind {
  constructor(value) { this.value = value; }
  append(part) { return new CodeActionKind(this.value ? `${this.value}.${part}` : part); }
  contains(o) { return o.value === this.value || o.value.startsWith(this.value + '.'); }
  intersects(o) { return this.contains(o) || o.contains(this); }
}
CodeActionKind.Empty = new CodeActionKind('');
CodeActionKind.QuickFix = new CodeActionKind('quickfix');
CodeActionKind.Source = new CodeActionKind('source');
CodeActionKind.SourceFixAll = new CodeActionKind('source.fixAll');
class CodeAction { constructor(title, kind) { this.title = title; this.kind = kind; } }
class TabInputText { constructor(uri) { this.uri = uri; } }
class TabInputTextDiff { constructor(original, modified) { this.original = original; this.modified = modified; } }
class TabInputCustom { constructor(uri) { this.uri = uri; } }
class MarkdownString { constructor(value) { this.value = value || ''; } appendMarkdown(v) { this.value += v; return this; } }
class Hover { constructor(contents, range) { this.contents = contents; this.range = range; } }
class WorkspaceEdit { constructor() { this.entries = []; } replace(uri, range, text) { this.entries.push({ uri, range, text }); } }
class TextEdit { constructor(range, newText) { this.range = range; this.newText = newText; } }

// A stub for anything not modelled: a function returning a Disposable, or
// for capitalised names (classes the client extends or constructs) a
// class that keeps its arguments.
function stub() { return new Disposable(() => {}); }
const classes = new Map();
function fallback(k) {
  if (typeof k !== 'string' || !/^[A-Z]/.test(k)) return stub;
  if (!classes.has(k)) classes.set(k, { [k]: class { constructor(...args) { this.args = args; } } }[k]);
  return classes.get(k);
}
function withFallback(obj) {
  return new Proxy(obj, { get: (t, k) => (k in t || typeof k === 'symbol' ? t[k] : fallback(k)) });
}

/** createVscode returns a fresh mock; settings answer getConfiguration('rtlint').get. */
function createVscode(settings) {
  const collections = [];
  const messages = [];
  const channels = [];
  const events = {
    open: new EventEmitter(), close: new EventEmitter(), change: new EventEmitter(), save: new EventEmitter(),
    config: new EventEmitter(), tabs: new EventEmitter(), active: new EventEmitter(),
  };
  const tabGroups = { all: [{ tabs: [] }], onDidChangeTabs: events.tabs.event };
  const textDocuments = [];
  const show = (kind) => (msg) => { messages.push({ kind, msg }); return Promise.resolve(undefined); };

  const vscode = withFallback({
    version: '1.82.0',
    Disposable, EventEmitter, Uri, Position, Range, Location, Diagnostic, DiagnosticRelatedInformation,
    CancellationError, CancellationTokenSource, CodeActionKind, CodeAction, TabInputText, TabInputTextDiff,
    TabInputCustom, MarkdownString, Hover, WorkspaceEdit, TextEdit,
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    NotebookCellKind: { Markup: 1, Code: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    EndOfLine: { LF: 1, CRLF: 2 },
    workspace: withFallback({
      textDocuments,
      notebookDocuments: [],
      workspaceFolders: undefined,
      getConfiguration: (section) => ({
        get: (key, dflt) => (section === 'rtlint' && key in settings ? settings[key] : dflt),
        has: (key) => key in settings,
      }),
      onDidOpenTextDocument: events.open.event,
      onDidCloseTextDocument: events.close.event,
      onDidChangeTextDocument: events.change.event,
      onDidSaveTextDocument: events.save.event,
      onWillSaveTextDocument: stub,
      onDidChangeConfiguration: events.config.event,
      onDidChangeWorkspaceFolders: stub,
      createFileSystemWatcher: () => ({ onDidCreate: stub, onDidChange: stub, onDidDelete: stub, dispose() {} }),
      applyEdit: () => Promise.resolve(true),
    }),
    window: withFallback({
      tabGroups,
      activeTextEditor: undefined,
      visibleTextEditors: [],
      onDidChangeActiveTextEditor: events.active.event,
      onDidChangeVisibleTextEditors: stub,
      createOutputChannel: (name) => {
        const ch = {
          name, lines: [], append(s) { this.lines.push(s); }, appendLine(s) { this.lines.push(s); },
          replace() {}, clear() {}, show() {}, hide() {}, dispose() {},
        };
        channels.push(ch);
        return ch;
      },
      showErrorMessage: show('error'),
      showWarningMessage: show('warning'),
      showInformationMessage: show('info'),
      withProgress: (opts, task) => task({ report() {} }, new CancellationTokenSource().token),
    }),
    languages: withFallback({
      match: (selector, doc) => {
        const list = Array.isArray(selector) ? selector : [selector];
        return list.some((s) => (typeof s === 'string' ? s === doc.languageId
          : (!s.language || s.language === doc.languageId) && (!s.scheme || s.scheme === doc.uri.scheme))) ? 10 : 0;
      },
      createDiagnosticCollection: (name) => {
        const c = {
          name, byUri: new Map(),
          set(uri, diags) {
            if (Array.isArray(uri)) { for (const [u, d] of uri) this.set(u, d); return; }
            if (diags === undefined || diags.length === 0) this.byUri.delete(uri.toString()); else this.byUri.set(uri.toString(), diags);
          },
          delete(uri) { this.byUri.delete(uri.toString()); },
          clear() { this.byUri.clear(); },
          get(uri) { return this.byUri.get(uri.toString()); },
          has(uri) { return this.byUri.has(uri.toString()); },
          forEach(fn) { for (const [u, d] of this.byUri) fn(Uri.parse(u), d, this); },
          dispose() { this.byUri.clear(); },
        };
        collections.push(c);
        return c;
      },
    }),
    commands: withFallback({
      registered: new Map(),
      registerCommand(name, fn) { this.registered.set(name, fn); return new Disposable(() => this.registered.delete(name)); },
      executeCommand: () => Promise.resolve(undefined),
    }),
    env: withFallback({ language: 'en', appName: 'rtlint-test', machineId: 'test', openExternal: () => Promise.resolve(true) }),
    extensions: withFallback({ getExtension: () => undefined }),
  });

  let version = 0;
  /** openDocument makes a document open in an editor tab and fires the events VS Code fires. */
  function openDocument(file, languageId, text) {
    const uri = Uri.file(file);
    const doc = {
      uri, fileName: file, languageId, version: ++version, isClosed: false, isDirty: false, isUntitled: false, eol: 1,
      text,
      get lineCount() { return this.text.split('\n').length; },
      getText() { return this.text; },
      offsetAt(pos) { const lines = this.text.split('\n'); let o = 0; for (let i = 0; i < pos.line; i++) o += lines[i].length + 1; return o + pos.character; },
      positionAt(off) { const before = this.text.slice(0, off).split('\n'); return new Position(before.length - 1, before[before.length - 1].length); },
      save: () => Promise.resolve(true),
    };
    doc.version = 1;
    textDocuments.push(doc);
    tabGroups.all[0].tabs.push({ input: new TabInputText(uri), label: path.basename(file) });
    events.tabs.fire({ opened: [tabGroups.all[0].tabs.at(-1)], closed: [], changed: [] });
    events.open.fire(doc);
    return doc;
  }
  /** editDocument replaces [start, end) and fires onDidChangeTextDocument. */
  function editDocument(doc, start, end, text) {
    const range = new Range(doc.positionAt(start), doc.positionAt(end));
    doc.text = doc.text.slice(0, start) + text + doc.text.slice(end);
    doc.version++;
    events.change.fire({ document: doc, contentChanges: [{ range, rangeOffset: start, rangeLength: end - start, text }], reason: undefined });
  }

  return { vscode, collections, messages, channels, openDocument, editDocument };
}

module.exports = { createVscode };
