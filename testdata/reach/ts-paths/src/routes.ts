import express from 'express'
import fs from 'fs'
import { loadSettings, loadDefaults, readBanner, listenMessage, refHelper, dynHelper } from '@/lib/settings'
import { listUploads, countUploads } from './lib/x'
import { gitRevision } from './lib/y.js'
import * as u from './lib/util'
import appendAudit from './lib/audit'
import { readFlags, readUnusedFlags } from './lib/renamed'
import { hashPassword, hashToken } from './lib'
import { buildReport } from '@/lib/report'

const app = express()

// @/ alias import called from a handler
app.get('/settings', (req, res) => {
  res.json(loadSettings('settings.json'))
})

// relative import without extension, and with a .js extension
app.get('/uploads', (req, res) => {
  res.json({ files: listUploads(), count: countUploads(), rev: gitRevision() })
})

// namespace import, default import, renamed export, barrel re-export
app.post('/login', (req, res) => {
  const page = u.readTemplate('login')
  appendAudit('login ' + req.body.user)
  const flags = readFlags()
  res.send(hashPassword(req.body.password) + page + flags)
})

// a second handler reaching loadSettings(); a two-hop cross-file chain
app.put('/settings', (req, res) => {
  res.json({ old: loadSettings('settings.json'), report: buildReport([1, 2]) })
})

// a blocking call written directly in the handler (existing rule)
app.get('/raw', (req, res) => {
  res.send(fs.readFileSync('raw.txt')) // want RT103 "blocks the event loop in route handler"
})

// negative: references only (not calls) inside a handler; dynamic call
const pending: Array<() => string> = []
const handlers: Record<string, () => string> = { dyn: dynHelper }
app.get('/refs', (req, res) => {
  const cb = refHelper
  pending.push(refHelper)
  res.send(handlers[String(req.query.name)]() + typeof cb)
})

// negative: helpers called only from a sync function used at startup
function buildDefaults() {
  u.writeTemplate('index', readUnusedFlags())
  hashToken('boot')
  return loadDefaults()
}
const defaults = buildDefaults()

// negative: module top level (startup)
const banner = readBanner()
console.log(banner, defaults)

// negative: app.listen callback
app.listen(3000, () => {
  console.log(listenMessage())
})
