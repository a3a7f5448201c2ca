const { execSync } = require('child_process')
const fs = require('fs')

// called as this.store.save() where this.store = new Store() in UserService
class Store {
  save(data) {
    fs.writeFileSync('store.json', data) // want RT103 "through Store\.save\(\)"
  }
}

// negative: unrelated class with a same-named save(), only called on objects of unknown type
class Draft {
  save(data) {
    execSync(`./publish-draft ${data}`)
  }
}

module.exports = { Store, Draft }
