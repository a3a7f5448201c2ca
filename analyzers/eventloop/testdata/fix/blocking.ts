import { readFileSync, writeFileSync } from 'node:fs';
import { scryptSync } from 'node:crypto';

export async function save(path: string): Promise<Buffer> {
  const text = readFileSync(path, 'utf8'); // want RT103
  writeFileSync(path + '.bak', text); // want RT103
  return scryptSync(text, 'salt', 64); // want RT105
}
