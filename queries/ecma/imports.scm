; import { readFileSync as rf } from 'node:fs'
(import_statement) @import
