import { EventEmitter } from 'events'
import { readState, appendChunk, flushQueue, writeExitLog, compactState } from '@/lib/state'

// timer callback passed by name at module top level
function tick() {
  readState()
}
setTimeout(tick, 100)

// EventEmitter listener passed by name
const emitter = new EventEmitter()
function onData(chunk: Buffer) {
  appendChunk(chunk)
}
emitter.on('data', onData)

// promise reaction callback
Promise.resolve().then(() => flushQueue())

// negative: process.on('exit') listeners run synchronously at exit
process.on('exit', () => writeExitLog())

// negative: a sync function only called from sync code
export function maintenance() {
  compactState()
}
