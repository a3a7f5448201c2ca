// A Fastify service: routes without response schemas, and pools per request.
import Fastify from 'fastify';
import { Pool } from 'pg';
import mysql from 'mysql2/promise';
import { Agent } from 'node:https';

const app = Fastify({ logger: true });

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

app.get('/fib/:n', async (request) => { // RT304: no schema.response
  const n = Number((request.params as { n: string }).n);
  return { value: fib(n) }; // RT201: move it to worker_threads
});

app.get('/orders', {
  schema: { response: { 200: { type: 'array' } } },
}, async () => {
  const pool = new Pool(); // RT403: a new pool per request
  const conn = await mysql.createConnection({ host: 'db' }); // RT402
  const agent = new Agent({ keepAlive: true }); // RT401
  return (await pool.query('SELECT * FROM orders')).rows;
});

app.listen({ port: 3000 });
