import * as fs from 'node:fs'

// called as u.readTemplate() through `import * as u`
export function readTemplate(name: string) {
  return fs.readFileSync(`templates/${name}.html`, 'utf8') // want RT103 "through readTemplate\(\)"
}

// negative: u.writeTemplate() is only called from sync code
export function writeTemplate(name: string, body: string) {
  fs.writeFileSync(`templates/${name}.html`, body)
}
