import { execSync } from 'child_process'
import fs from 'fs'

export class Base {
  // inherited by App and called as this.warmUp() from async start()
  protected warmUp() {
    execSync('./warm-cache.sh') // want RT104 "reached from async method App\.start\(\)|reached from async .*start\(\)"
  }

  // called as super.prepare() from App.prepare(), reached from async start()
  protected prepare() {
    fs.mkdirSync('tmp', { recursive: true }) // want RT103 "through .*prepare\(\)"
  }

  // negative: inherited but only called from sync stop()
  protected coolDown() {
    execSync('./flush-cache.sh')
  }
}
