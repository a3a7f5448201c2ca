import { execSync } from 'child_process'

// imported as './lib/y.js' (ESM-style .js specifier for a .ts file)
export function gitRevision() {
  return execSync('git rev-parse HEAD').toString() // want RT104 "through gitRevision\(\)"
}
