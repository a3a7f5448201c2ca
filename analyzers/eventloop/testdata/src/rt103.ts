import { readFileSync, promises as fsp } from 'node:fs';
import * as fs from 'fs';
import { readFile } from 'fs/promises';
import type { Stats } from 'fs';

export class Loader {
  async load(path: string): Promise<string> {
    const a = readFileSync(path, 'utf8'); // want RT103 "async method Loader.load\(\)"
    fs.statSync(path); // a stat-like call: only with include-stat-calls
    return a + (await readFile(path, 'utf8')) + (await fsp.readFile(path, 'utf8'));
  }

  sync(path: string): string {
    return readFileSync(path, 'utf8');
  }
}

export const handler = async (event: unknown) => {
  return fs.readdirSync('/tmp'); // want RT103 "async function handler\(\)"
};
