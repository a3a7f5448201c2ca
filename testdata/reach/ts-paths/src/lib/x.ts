import { readdirSync } from 'fs'

// imported as './lib/x' (no extension)
export function listUploads() {
  return readdirSync('uploads') // want RT103 "through listUploads\(\)"
}

// exported arrow function (`export const f = () => …`)
export const countUploads = () => readdirSync('uploads').length // want RT103 "through countUploads\(\)"
