const knex = require('knex');
const { Pool } = require('pg');
const mysql = require('mysql');
const { Sequelize } = require('sequelize');

const db = knex({ client: 'pg' });
const sequelize = new Sequelize('postgres://');

app.get('/rows', async (req, res) => {
  const perReq = knex({ client: 'pg' }); // want RT403
  const pool = new Pool(); // want RT403
  mysql.createPool({}); // want RT403
  new Sequelize('postgres://'); // want RT403
  res.json(await db('rows').select());
});
