; import time, os.path as p
(import_statement) @import

; from time import sleep as nap
(import_from_statement) @import
