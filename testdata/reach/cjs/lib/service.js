const Repo = require('./repo')
const { Store } = require('./store')

class UserService {
  constructor() {
    this.repo = new Repo()
    this.store = new Store()
  }

  // this.repo.m() and this.store.m() with attributes bound to `new C()` in the constructor
  async list() {
    const users = this.repo.findAll()
    this.store.save(JSON.stringify(users))
    return users
  }

  // negative: sync method
  count() {
    return this.repo.countAll()
  }

  // negative: save() on objects of unknown type
  async persist(doc) {
    doc.save('x')
    this.backend.save('y')
  }
}

module.exports = { UserService }
