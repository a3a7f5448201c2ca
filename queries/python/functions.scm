; def handler(request): ...
; async def handler(request): ...
(function_definition
  name: (identifier) @function.name
  parameters: (parameters) @function.params) @function

; lambda x: x * 2
(lambda) @function.lambda

; class UserView(APIView): ...
(class_definition
  name: (identifier) @class.name
  superclasses: (argument_list)? @class.bases) @class

; @app.get("/users")
(decorator) @decorator
