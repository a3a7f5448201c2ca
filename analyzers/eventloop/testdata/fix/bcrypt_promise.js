const bcrypt = require('bcryptjs');
const express = require('express');

const app = express();

app.post('/login', async (req, res) => {
  const ok = bcrypt.compareSync(req.body.password, req.user.hash); // want RT105
  const salt = bcrypt.genSaltSync(10); // want RT105
  res.json({ ok, hash: bcrypt.hashSync(req.body.password, salt) }); // want RT105
});

app.post('/legacy', (req, res) => {
  // A sync handler cannot await: reported, not fixed.
  res.json(bcrypt.compareSync(req.body.password, req.user.hash)); // want RT105
});
