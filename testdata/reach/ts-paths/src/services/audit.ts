import * as fs from 'fs'

export class Audit {
  log(line: string) {
    fs.appendFileSync('audit.log', line) // want RT103 "through Audit\.log\(\)"
  }
}

export class Def {
  run() {
    return fs.readdirSync('defs') // want RT103 "through Def\.run\(\)"
  }
}
