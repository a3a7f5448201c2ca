const fs = require('fs')

// `module.exports.f = function f`, called as u.readTemplate() after `const u = require('./lib/util')`
module.exports.readTemplate = function readTemplate(name) {
  return fs.readFileSync(`templates/${name}.html`, 'utf8') // want RT103 "through (u\.)?readTemplate\(\)"
}

// negative: `module.exports.f = (…) => …`, only called from sync code
module.exports.writeTemplate = (name, body) => {
  fs.writeFileSync(`templates/${name}.html`, body)
}
