import { Pool } from 'pg'
import { BaseManager } from './base-manager'

export class DataManager extends BaseManager {
  pool: Pool

  // constructed per request by DataController.list()
  constructor() {
    super('data')
    this.pool = new Pool({ max: 10 }) // want RT403 "reached from .*DataController\.list\(\) \([^)]*controller\.ts:\d+\) through new DataManager"
  }
}

export class SharedPool {
  pool: Pool

  // negative: constructed once by an async bootstrap (async, not per request)
  constructor() {
    const pool = new Pool({ max: 10 })
    this.pool = pool
  }
}
