// Generator handlers (co, Bluebird's coroutine) run on the event loop like
// async ones: sync I/O in them blocks every request.
const co = require('co');
const fs = require('fs');
const { coroutine } = require('bluebird');
const express = require('express');

const router = express.Router();

router.get('/a', co.wrap(function* (request, response) {
  const data = fs.readFileSync('/etc/a'); // want RT103 "route handler"
  response.send(data);
}));

module.exports.b = coroutine(function* (req, res, next) {
  fs.readFileSync('/etc/b'); // want RT103 "handler"
});

module.exports.c = coroutine(function* (request, response, next) {
  fs.readFileSync('/etc/c'); // want RT103
});

// A generator that is no handler, called at startup: not on a request path.
const ids = co.wrap(function* (seed) {
  return fs.readFileSync('/etc/seed' + seed);
});
ids(1);
