module github.com/rtlint/rtlint

go 1.26.8

require (
	github.com/sabhiram/go-gitignore v0.0.0-20210923224102-525f6e181f06
	github.com/smacker/go-tree-sitter v0.0.0-20240827094217-dd81d9e9be82
)

require github.com/pmezard/go-difflib v1.0.0
