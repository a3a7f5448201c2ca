// barrel: `export { f } from './y'`
export { hashPassword, hashToken } from './crypto'
