import fs from 'fs'

export class BaseManager {
  // base constructor reached through super(...) from DataManager's constructor
  constructor(dir: string) {
    fs.mkdirSync(dir, { recursive: true }) // want RT103 "through .*DataManager"
  }
}
