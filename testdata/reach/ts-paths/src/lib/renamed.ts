import fs from 'fs'

// `export { a as b }`: exported under a new name
function a() {
  return fs.readFileSync('feature-flags.json', 'utf8') // want RT103 "reached from"
}

// negative: exported renamed but only called from sync code
function c() {
  return fs.readFileSync('unused-flags.json', 'utf8')
}

export { a as readFlags, c as readUnusedFlags }
