// The rtlint VS Code extension: runs `rtlint server` (LSP over stdio) for
// Python, JavaScript and TypeScript files.
import * as os from 'os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';

import {
  Settings,
  findServer,
  initializationOptions,
  needsRestart,
  notFoundMessage,
  readSettings,
  serverArgs,
  serverSettings,
  startFailureMessage,
} from './config';

const LANGUAGES = ['python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

let client: LanguageClient | undefined;
let running: Settings | undefined;
let output: vscode.OutputChannel | undefined;
// Starts and stops run one at a time.
let queue: Promise<void> = Promise.resolve();

function pathContext() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return { home: os.homedir(), workspaceFolder: folder?.uri.fsPath };
}

function currentSettings(): Settings {
  const cfg = vscode.workspace.getConfiguration('rtlint');
  return readSettings((key) => cfg.get(key), pathContext());
}

async function start(): Promise<void> {
  const settings = currentSettings();
  running = settings;
  if (!settings.enable) {
    return;
  }
  const command = findServer(
    settings,
    { PATH: process.env.PATH, GOBIN: process.env.GOBIN, GOPATH: process.env.GOPATH, home: os.homedir() },
    pathContext(),
  );
  if (command === undefined) {
    void vscode.window.showErrorMessage(notFoundMessage(settings));
    return;
  }
  output?.appendLine(`rtlint: starting ${command} ${serverArgs(settings).join(' ')}`);
  // No transport: stdio is the default, and TransportKind.stdio would add
  // a --stdio argument (which the server accepts, but need not be given).
  const serverOptions: ServerOptions = { command, args: serverArgs(settings) };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions: initializationOptions(settings),
    outputChannel: output,
    traceOutputChannel: output,
  };
  const c = new LanguageClient('rtlint', 'rtlint', serverOptions, clientOptions);
  client = c;
  try {
    await c.start();
  } catch (err) {
    client = undefined;
    void vscode.window.showErrorMessage(startFailureMessage(command, err));
    await c.dispose().catch(() => undefined);
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop();
    } catch {
      // A server that failed to start or already died cannot be stopped.
    }
    await c.dispose().catch(() => undefined);
  }
}

function restart(): Promise<void> {
  queue = queue.then(stop).then(start);
  return queue;
}

// fixAll applies every safe fix in the active editor's file (the server's
// source.fixAll.rtlint action).
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    return;
  }
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    editor.document.uri,
    new vscode.Range(0, 0, editor.document.lineCount, 0),
    'source.fixAll.rtlint',
  );
  for (const action of actions ?? []) {
    if (action.edit) {
      await vscode.workspace.applyEdit(action.edit);
    }
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('rtlint');
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('rtlint.restart', () => restart()),
    vscode.commands.registerCommand('rtlint.fixAll', () => fixAll()),
    vscode.commands.registerCommand('rtlint.showOutput', () => output?.show(true)),
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('rtlint') || running === undefined) {
        return;
      }
      const now = currentSettings();
      // A new executable, new arguments or enable need a new process; the
      // rest reaches the running server as didChangeConfiguration.
      if (needsRestart(running, now)) {
        void restart();
        return;
      }
      running = now;
      void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: { rtlint: serverSettings(now) } });
    }),
  );
  queue = queue.then(start);
  await queue;
}

export async function deactivate(): Promise<void> {
  queue = queue.then(stop);
  await queue;
}
