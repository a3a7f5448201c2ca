import { Repo } from './repo'
import { Store, Cache } from './store'
import { Audit, Def } from './audit'

export class UserService {
  private repo: Repo
  private cache: Cache
  // a field initialised where it is declared
  private audit = new Audit()

  constructor(private store: Store, cache: Cache) {
    this.repo = new Repo()
    this.cache = cache
  }

  // this.repo.m(), this.store.m() (parameter property), this.cache.m() (typed field)
  async list() {
    const users = this.repo.findAll()
    this.audit.log('list')
    // a method called on a fresh instance
    new Def().run()
    this.store.save(JSON.stringify(users))
    return this.cache.get('users')
  }

  // negative: save() on an object of unknown type
  async persist(obj: any, other) {
    ;(obj as any).save('x')
    other.save('y')
  }
}
