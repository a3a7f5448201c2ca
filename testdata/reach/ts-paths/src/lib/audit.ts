import fs from 'fs'

// `export default function`, imported under another name
export default function writeAudit(line: string) {
  fs.appendFileSync('audit.log', line + '\n') // want RT103 "through appendAudit\(\)|through writeAudit\(\)"
}
