const Database = require('better-sqlite3');

const db = new Database('app.db');
const migrate = db.prepare('CREATE TABLE IF NOT EXISTS t (x)');
migrate.run();

app.get('/users/:id', (req, res) => {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(req.params.id); // want RT106
  res.json(row);
});
