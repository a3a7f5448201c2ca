; for item in range(1_000_000): ...
(for_statement
  left: (_) @loop.target
  right: (_) @loop.header) @loop

; while True: ...
(while_statement
  condition: (_) @loop.header) @loop

; [f(x) for x in xs]
(list_comprehension) @loop
(set_comprehension) @loop
(dictionary_comprehension) @loop
(generator_expression) @loop
