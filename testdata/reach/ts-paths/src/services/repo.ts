import fs from 'fs'

export class Repo {
  // called as this.repo.findAll() where this.repo = new Repo()
  findAll() {
    return fs.readdirSync('users') // want RT103 "through .*findAll\(\)"
  }
}
