import fs from 'fs'

// imported through the @/ alias and called from an express handler
export function loadSettings(p: string) {
  return fs.readFileSync(p, 'utf8') // want RT103 "reached from route handler for app\.(get|put)\('/settings'\) \([^)]*routes\.ts:\d+\) through loadSettings\(\) \(and 1 other entry\)"
}

// negative: only called from a sync function that runs at startup
export function loadDefaults() {
  return fs.readFileSync('defaults.json', 'utf8')
}

// negative: only called at module top level
export function readBanner() {
  return fs.readFileSync('banner.txt', 'utf8')
}

// negative: only called inside the app.listen callback
export function listenMessage() {
  return fs.readFileSync('motd.txt', 'utf8')
}

// negative: only passed by reference (const cb = …, arr.push(…)) inside a handler
export function refHelper() {
  return fs.readFileSync('ref.txt', 'utf8')
}

// negative: only called dynamically (handlers[name]()) inside a handler
export function dynHelper() {
  return fs.readFileSync('dyn.txt', 'utf8')
}
