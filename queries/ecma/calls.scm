; fs.readFileSync(path)
(call_expression
  function: (_) @call.callee
  arguments: (arguments) @call.args) @call

; new Pool(config)
(new_expression
  constructor: (_) @call.callee
  arguments: (arguments)? @call.args) @call.new
