// TypeScript helpers with blocking calls in async code.
import request from 'sync-request';
import { readFileSync } from 'node:fs';

export async function fetchProfile(id: string): Promise<unknown> {
  const res = request('GET', `https://profiles.internal/users/${id}`); // RT102
  return JSON.parse(res.getBody('utf8'));
}

export async function waitForFlag(flags: Int32Array): Promise<void> {
  Atomics.wait(flags, 0, 0, 1000); // RT101
}

export async function loadTemplate(name: string): Promise<string> {
  return readFileSync(`templates/${name}.html`, 'utf8'); // RT103
}
