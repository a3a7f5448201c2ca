import crypto from 'crypto'

// re-exported through the lib/index.ts barrel
export function hashPassword(pw: string) {
  return crypto.pbkdf2Sync(pw, 'salt', 100000, 64, 'sha512') // want RT105 "through hashPassword\(\)"
}

// negative: re-exported too, but only called from sync code
export function hashToken(t: string) {
  return crypto.scryptSync(t, 'salt', 64)
}
