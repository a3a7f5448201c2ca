import fs from 'fs'

// negative: same name as the helper in lib/settings.ts, but never imported
export function loadSettings(p: string) {
  return fs.readFileSync(p, 'utf8')
}
