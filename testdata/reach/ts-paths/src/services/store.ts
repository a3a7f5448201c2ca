import fs from 'fs'

export class Store {
  // called as this.store.save() through a constructor parameter property
  save(data: string) {
    fs.writeFileSync('store.json', data) // want RT103 "through .*save\(\)"
  }
}

export class Cache {
  // called as this.cache.get() through a typed field `private cache: Cache`
  get(key: string) {
    return fs.readFileSync(`cache/${key}`, 'utf8') // want RT103 "through .*get\(\)"
  }
}
