const fs = require('fs')

// class exported as `module.exports = Repo`; called as this.repo.findAll() where this.repo = new Repo()
class Repo {
  findAll() {
    return fs.readdirSync('users') // want RT103 "through Repo\.findAll\(\)"
  }

  // negative: only called from the sync UserService.count()
  countAll() {
    return fs.readdirSync('users').length
  }
}

module.exports = Repo
