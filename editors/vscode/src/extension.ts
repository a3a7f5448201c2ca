// The rtlint VS Code extension: runs `rtlint server` (LSP over stdio) for
// Python, JavaScript and TypeScript files.
import * as os from 'os';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

import { Settings, initializationOptions, needsRestart, readSettings, serverCommand, startFailureMessage } from './config';

const LANGUAGES = ['python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

let client: LanguageClient | undefined;
let running: Settings | undefined;
let output: vscode.OutputChannel | undefined;
// Starts and stops run one at a time.
let queue: Promise<void> = Promise.resolve();

function currentSettings(): Settings {
  const cfg = vscode.workspace.getConfiguration('rtlint');
  return readSettings((key) => cfg.get(key));
}

function pathContext() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return { home: os.homedir(), workspaceFolder: folder?.uri.fsPath };
}

async function start(): Promise<void> {
  const settings = currentSettings();
  const { command, args } = serverCommand(settings, pathContext());
  const serverOptions: ServerOptions = { command, args, transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions: initializationOptions(settings),
    // Sends workspace/didChangeConfiguration with {rtlint: {...}} at start
    // and whenever an rtlint.* setting changes.
    synchronize: { configurationSection: 'rtlint' },
    outputChannel: output,
    traceOutputChannel: output,
  };
  const c = new LanguageClient('rtlint', 'rtlint', serverOptions, clientOptions);
  client = c;
  running = settings;
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

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('rtlint');
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.commands.registerCommand('rtlint.restart', () => restart()));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('rtlint') || running === undefined) {
        return;
      }
      // select/ignore reach the server through didChangeConfiguration; a
      // new executable or new arguments need a new process.
      if (needsRestart(running, currentSettings())) {
        void restart();
      }
    }),
  );
  queue = queue.then(start);
  await queue;
}

export async function deactivate(): Promise<void> {
  queue = queue.then(stop);
  await queue;
}
