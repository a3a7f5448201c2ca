// Settings → language-server configuration. Pure: no `vscode` import, so
// it runs (and is tested) under plain Node.

/** The extension's settings, validated and with defaults filled in. */
export interface Settings {
  /** The rtlint executable (`rtlint.path`). */
  path: string;
  /** Extra arguments after `server` (`rtlint.args`). */
  args: string[];
  /** Rule codes or prefixes to report (`rtlint.select`). */
  select: string[];
  /** Rule codes or prefixes to turn off (`rtlint.ignore`). */
  ignore: string[];
}

/** What the server reads from initializationOptions and didChangeConfiguration. */
export interface ServerSettings {
  select: string[];
  ignore: string[];
}

/** A way to read one `rtlint.*` setting, e.g. `workspace.getConfiguration('rtlint').get`. */
export type Getter = (key: string) => unknown;

export const DEFAULT_PATH = 'rtlint';

/** Context for expanding `~` and `${workspaceFolder}` in `rtlint.path`. */
export interface PathContext {
  home?: string;
  workspaceFolder?: string;
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** readSettings reads and validates the settings; bad values become defaults. */
export function readSettings(get: Getter): Settings {
  const path = get('path');
  return {
    path: typeof path === 'string' && path.trim() !== '' ? path.trim() : DEFAULT_PATH,
    // Arguments are passed verbatim: an empty string may be intended.
    args: Array.isArray(get('args')) ? (get('args') as unknown[]).filter((v): v is string => typeof v === 'string') : [],
    select: stringList(get('select')),
    ignore: stringList(get('ignore')),
  };
}

/** expandPath expands a leading `~` and `${workspaceFolder}` (`${userHome}` too). */
export function expandPath(path: string, ctx: PathContext = {}): string {
  let out = path;
  if (ctx.home !== undefined) {
    if (out === '~') {
      out = ctx.home;
    } else if (out.startsWith('~/') || out.startsWith('~\\')) {
      out = ctx.home + out.slice(1);
    }
    out = out.split('${userHome}').join(ctx.home);
  }
  if (ctx.workspaceFolder !== undefined) {
    out = out.split('${workspaceFolder}').join(ctx.workspaceFolder);
  }
  return out;
}

/** serverCommand is the command line that starts the language server. */
export function serverCommand(s: Settings, ctx: PathContext = {}): { command: string; args: string[] } {
  return { command: expandPath(s.path, ctx), args: ['server', ...s.args] };
}

/** serverSettings is the part of the settings the server reads. */
export function serverSettings(s: Settings): ServerSettings {
  return { select: [...s.select], ignore: [...s.ignore] };
}

/** initializationOptions for the initialize request: `{select, ignore}`. */
export function initializationOptions(s: Settings): ServerSettings {
  return serverSettings(s);
}

/**
 * needsRestart reports whether a settings change needs a new server process
 * (a different executable or arguments). select/ignore reach the running
 * server through workspace/didChangeConfiguration instead.
 */
export function needsRestart(before: Settings, after: Settings): boolean {
  return before.path !== after.path || before.args.length !== after.args.length || before.args.some((a, i) => a !== after.args[i]);
}

/** startFailureMessage explains a server that could not be started. */
export function startFailureMessage(command: string, err: unknown): string {
  const detail = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || /ENOENT/.test(detail)) {
    return `rtlint: cannot start the language server: "${command}" was not found. Install rtlint (go install github.com/rtlint/rtlint/cmd/rtlint@latest) or set "rtlint.path".`;
  }
  return `rtlint: cannot start the language server "${command}": ${detail}`;
}
