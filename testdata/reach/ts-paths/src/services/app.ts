import { execSync } from 'child_process'
import { Base } from './base'

export class App extends Base {
  async start() {
    this.startServices()
    this.warmUp()
    this.prepare()
  }

  // sync method called as this.startServices() from async start()
  startServices() {
    execSync('systemctl start worker') // want RT104 "through .*startServices\(\)"
  }

  // overrides Base.prepare and calls super.prepare()
  protected prepare() {
    super.prepare()
  }

  // negative: sync method only called from sync stop()
  stopServices() {
    execSync('systemctl stop worker')
  }

  stop() {
    this.stopServices()
    this.coolDown()
  }
}
