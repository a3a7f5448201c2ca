const { Client, Pool } = require('pg');
const mysql = require('mysql2/promise');
const Redis = require('ioredis');
const { MongoClient } = require('mongodb');
const { PrismaClient } = require('@prisma/client');

const pool = new Pool();
const redis = new Redis();
const prisma = new PrismaClient();

app.get('/users/:id', async (req, res) => {
  const client = new Client(); // want RT402 "new Client\(\) \(pg.Client\) opens a new database connection on every request in route handler for app.get\('/users/:id'\); use a pg.Pool"
  await client.connect();
  const conn = await mysql.createConnection({}); // want RT402
  const r = new Redis(); // want RT402
  const m = new MongoClient('mongodb://'); // want RT402
  const p = new PrismaClient(); // want RT402
  res.json((await pool.query('SELECT 1')).rows);
});

async function getClient() {
  return new Client();
}
