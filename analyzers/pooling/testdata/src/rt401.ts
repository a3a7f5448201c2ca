import { Agent, Pool } from 'undici';

const shared = new Pool('https://api');

export async function handler(req: Request): Promise<Response> {
  const pool = new Pool('https://api'); // want RT401
  return new Response(await (await shared.request({ path: '/', method: 'GET' })).body.text());
}
