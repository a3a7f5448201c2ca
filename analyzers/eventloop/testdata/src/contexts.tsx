import { readFileSync } from 'fs';

export default function Page() {
  const text = readFileSync('a.md', 'utf8');
  return <div>{text}</div>;
}

export async function getData() {
  return readFileSync('b.json', 'utf8'); // want RT103
}
