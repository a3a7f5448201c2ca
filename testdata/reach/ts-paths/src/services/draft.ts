import { execSync } from 'child_process'

// negative: an unrelated class with a same-named save() method, only ever
// called on objects of unknown type
export class Draft {
  save(data: string) {
    execSync(`./publish-draft ${data}`)
  }
}
