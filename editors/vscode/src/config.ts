// Settings → language-server configuration, and finding the rtlint
// binary. Pure: no `vscode` import, so it runs (and is tested) under plain
// Node.

import * as fs from 'fs';
import * as path from 'path';

/** The extension's settings, validated and with defaults filled in. */
export interface Settings {
  /** Start the server at all (`rtlint.enable`). */
  enable: boolean;
  /** The rtlint executable (`rtlint.path`); "" finds it (see findServer). */
  path: string;
  /** Extra arguments after `server` (`rtlint.args`). */
  args: string[];
  /** What the server reads; see ServerSettings. */
  server: ServerSettings;
}

/**
 * What the server reads from initializationOptions and
 * workspace/didChangeConfiguration (server/config.go `settings`). Every
 * key is one the server knows; nothing else is sent.
 */
export interface ServerSettings {
  select: string[];
  ignore: string[];
  severity: Record<string, string>;
  rules: Record<string, Record<string, unknown>>;
  transitive: boolean;
  run: 'onType' | 'onSave';
  diagnosticMode: 'openFilesOnly' | 'workspace';
  configuration: string;
  showUnusedSuppressions: boolean;
  codeAction: { disableRuleComment: { enable: boolean } };
  showDocumentation: { enable: boolean };
}

/** A way to read one `rtlint.*` setting, e.g. `workspace.getConfiguration('rtlint').get`. */
export type Getter = (key: string) => unknown;

/** Context for expanding `~` and `${workspaceFolder}` in paths. */
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

function bool(value: unknown, dflt: boolean): boolean {
  return typeof value === 'boolean' ? value : dflt;
}

function record<T>(value: unknown, keep: (v: unknown) => v is T): Record<string, T> {
  const out: Record<string, T> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (keep(v)) {
        out[k] = v;
      }
    }
  }
  return out;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** readSettings reads and validates the settings; bad values become defaults. */
export function readSettings(get: Getter, ctx: PathContext = {}): Settings {
  const p = get('path');
  const configuration = get('configuration');
  return {
    enable: bool(get('enable'), true),
    path: typeof p === 'string' ? p.trim() : '',
    // Arguments are passed verbatim: an empty string may be intended.
    args: Array.isArray(get('args')) ? (get('args') as unknown[]).filter(isString) : [],
    server: {
      select: stringList(get('select')),
      ignore: stringList(get('ignore')),
      severity: record(get('severity'), isString),
      rules: record(get('rules'), isObject),
      transitive: bool(get('transitive'), true),
      run: get('run') === 'onSave' ? 'onSave' : 'onType',
      diagnosticMode: get('diagnosticMode') === 'workspace' ? 'workspace' : 'openFilesOnly',
      configuration: typeof configuration === 'string' && configuration.trim() !== '' ? expandPath(configuration.trim(), ctx) : '',
      showUnusedSuppressions: bool(get('showUnusedSuppressions'), true),
      codeAction: { disableRuleComment: { enable: bool(get('codeAction.disableRuleComment.enable'), true) } },
      showDocumentation: { enable: bool(get('showDocumentation.enable'), true) },
    },
  };
}

/** expandPath expands a leading `~` and `${workspaceFolder}` (`${userHome}` too). */
export function expandPath(p: string, ctx: PathContext = {}): string {
  let out = p;
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

/** Where findServer looks: the environment and a way to test a file. */
export interface Environment {
  PATH?: string;
  GOBIN?: string;
  GOPATH?: string;
  home?: string;
  /** isExecutable reports whether a file exists and may be run. */
  isExecutable?: (file: string) => boolean;
  platform?: string;
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * findServer returns the rtlint executable to run, or undefined when there
 * is none: the `rtlint.path` setting when set (a bare name is looked up
 * on PATH), else `rtlint` on PATH, else where `go install` puts it
 * (`$GOBIN`, `$GOPATH/bin`, `~/go/bin`): VS Code started from a desktop
 * launcher often lacks the shell's PATH.
 */
export function findServer(s: Settings, env: Environment, ctx: PathContext = {}): string | undefined {
  const isExe = env.isExecutable ?? executable;
  const exe = (env.platform ?? process.platform) === 'win32' ? 'rtlint.exe' : 'rtlint';
  const onPath = (name: string): string | undefined => {
    for (const dir of (env.PATH ?? '').split(path.delimiter)) {
      if (dir !== '' && isExe(path.join(dir, name))) {
        return path.join(dir, name);
      }
    }
    return undefined;
  };
  if (s.path !== '') {
    const p = expandPath(s.path, ctx);
    if (!p.includes('/') && !p.includes('\\')) {
      return onPath(p);
    }
    return isExe(p) ? p : undefined;
  }
  const found = onPath(exe);
  if (found) {
    return found;
  }
  const goDirs = [env.GOBIN, ...(env.GOPATH ?? '').split(path.delimiter).filter((d) => d !== '').map((d) => path.join(d, 'bin'))];
  if (env.home) {
    goDirs.push(path.join(env.home, 'go', 'bin'));
  }
  for (const dir of goDirs) {
    if (dir && isExe(path.join(dir, exe))) {
      return path.join(dir, exe);
    }
  }
  return undefined;
}

/** notFoundMessage says how to get rtlint when findServer found none. */
export function notFoundMessage(s: Settings): string {
  const install = 'Install it with `go install github.com/rtlint/rtlint/cmd/rtlint@latest` (Go and a C compiler needed)';
  if (s.path !== '') {
    return `rtlint: "${s.path}" (the rtlint.path setting) is not an executable file. ${install}, or fix rtlint.path.`;
  }
  return `rtlint: the rtlint executable was not found on PATH, in $GOBIN, $GOPATH/bin or ~/go/bin. ${install}, or set rtlint.path.`;
}

/** serverArgs are the arguments that start the language server. */
export function serverArgs(s: Settings): string[] {
  return ['server', ...s.args];
}

/** serverSettings is what the server reads, a deep copy. */
export function serverSettings(s: Settings): ServerSettings {
  return JSON.parse(JSON.stringify(s.server)) as ServerSettings;
}

/** initializationOptions for the initialize request: the server settings. */
export function initializationOptions(s: Settings): ServerSettings {
  return serverSettings(s);
}

/**
 * needsRestart reports whether a settings change needs a new server process
 * (enabled or not, a different executable or arguments). The rest reaches
 * the running server through workspace/didChangeConfiguration.
 */
export function needsRestart(before: Settings, after: Settings): boolean {
  return (
    before.enable !== after.enable ||
    before.path !== after.path ||
    before.args.length !== after.args.length ||
    before.args.some((a, i) => a !== after.args[i])
  );
}

/** startFailureMessage explains a server that could not be started. */
export function startFailureMessage(command: string, err: unknown): string {
  const detail = err instanceof Error ? err.message : String(err);
  return `rtlint: cannot start the language server "${command}": ${detail}`;
}
