; abstract class BaseController {}
(abstract_class_declaration
  name: (_) @class.name) @class
