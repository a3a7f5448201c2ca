; const { execSync } = require('child_process')
; const db = new Database('app.db')
(variable_declarator
  name: (_) @binding.name
  value: (_) @binding.value) @binding
