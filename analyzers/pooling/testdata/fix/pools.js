const { Client } = require('pg');
const mysql = require('mysql2/promise');
const https = require('node:https');

const config = { host: 'db' };

app.get('/users/:id', async (req, res) => {
  const client = new Client(config); // want RT402
  const conn = await mysql.createConnection({ host: 'db' }); // want RT402
  const agent = new https.Agent({ keepAlive: true }); // want RT401
  const perUser = new Client({ user: req.params.id }); // want RT402
  res.json(await client.query('SELECT 1', [], agent));
});
