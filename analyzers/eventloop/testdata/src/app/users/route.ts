import { readFileSync } from 'node:fs';

export function GET() {
  return Response.json(readFileSync('users.json', 'utf8')); // want RT103 "route handler GET\(\)"
}

function notExported() {
  return readFileSync('x');
}
