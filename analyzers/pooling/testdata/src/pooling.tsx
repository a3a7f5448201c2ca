import { Pool, Client } from 'pg';
import axios from 'axios';

const pool = new Pool();

export async function GET(req: Request): Promise<Response> {
  const client = new Client(); // want RT402
  const perRequest = new Pool(); // want RT403
  const api = axios.create(); // want RT401
  return new Response(JSON.stringify((await pool.query('SELECT 1')).rows));
}

export function Page() {
  return <div>{String(pool)}</div>;
}
