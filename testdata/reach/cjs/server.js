const express = require('express')
const fs = require('fs')
const { loadSettings, saveSettings, resetSettings, readBanner, listenMessage } = require('./lib/settings')
const u = require('./lib/util')
const { readCache, clearCache, dumpCache } = require('./lib/cache.js')
const hash = require('./lib/hash')
const { UserService } = require('./lib/service')
const { exportUsers } = require('./lib/admin')

const app = express()
const users = new UserService()

// destructured require, called from app.get / app.put handlers
app.get('/settings', (req, res) => {
  res.json(loadSettings())
})
app.put('/settings', (req, res) => {
  saveSettings(req.body)
  res.sendStatus(204)
})

// namespace-style require, exports.g function expression, whole-module export
app.post('/login', (req, res) => {
  const page = u.readTemplate('login')
  res.send(page + readCache() + hash(req.body.password))
})

// async handler calling a class method that reaches this.repo / this.store
app.get('/users', async (req, res) => {
  res.json(await users.list())
})
app.get('/export', exportUsers)

// a blocking call written directly in a handler (existing rule)
app.get('/raw', function (req, res) {
  res.send(fs.readFileSync('raw.txt')) // want RT103 "blocks the event loop in route handler"
})

// negative: references only and a dynamic call inside a handler
const pending = []
const ops = { dump: dumpCache }
app.delete('/cache', (req, res) => {
  const cb = clearCache
  pending.push(clearCache)
  ops[req.query.op]()
  res.send(typeof cb)
})

// negative: only from sync code at startup (top level, a sync function)
function boot() {
  resetSettings()
  u.writeTemplate('index', '<html></html>')
  return users.count()
}
boot()
const banner = readBanner()
const config = JSON.parse(fs.readFileSync('config.json', 'utf8'))

// negative: app.listen callback
app.listen(config.port, () => {
  console.log(banner, listenMessage())
})
