; function loadUser(id) {}
(function_declaration
  name: (identifier) @function.name
  parameters: (formal_parameters) @function.params) @function

; function* ids() {}
(generator_function_declaration
  name: (identifier) @function.name
  parameters: (formal_parameters) @function.params) @function

; const f = function (req, res) {}
(function_expression
  parameters: (formal_parameters) @function.params) @function.expression

; co.wrap(function* (req, res) {}): generator handlers run on the loop
(generator_function
  parameters: (formal_parameters) @function.params) @function.expression

; async (req, res) => {}
(arrow_function
  parameters: (formal_parameters) @function.params) @function.arrow

; req => {}
(arrow_function
  parameter: (identifier) @function.params) @function.arrow

; class C { async find(@Param() id) {} }
(method_definition
  name: (_) @function.name
  parameters: (formal_parameters) @function.params) @function.method

; class UsersController {}
(class_declaration
  name: (_) @class.name) @class

; @Get(':id')
(decorator) @decorator
