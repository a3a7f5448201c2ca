; time.sleep(1)
(call
  function: (_) @call.callee
  arguments: (_) @call.args) @call
