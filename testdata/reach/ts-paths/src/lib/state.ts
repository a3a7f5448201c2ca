import fs from 'fs'

// reached from the tick() timer callback (jobs/timers.ts)
export function readState() {
  return fs.readFileSync('state.json', 'utf8') // want RT103 "reached from setTimeout\(\) callback \([^)]*jobs/timers\.ts:\d+\) through tick\(\) → readState\(\)"
}

// reached from the onData listener
export function appendChunk(chunk: Buffer) {
  fs.appendFileSync('stream.log', chunk) // want RT103 "reached from 'data' listener .* through onData\(\) → appendChunk\(\)"
}

// reached from a .then() callback
export function flushQueue() {
  fs.writeFileSync('queue.json', '[]') // want RT103 "reached from a \.then\(\) callback .* through flushQueue\(\)"
}

// negative: only called from a process.on('exit') listener, which must be sync
export function writeExitLog() {
  fs.writeFileSync('exit.log', 'bye')
}

// negative: only called from a sync function that nothing on the loop calls
export function compactState() {
  fs.writeFileSync('state.json', '{}')
}
