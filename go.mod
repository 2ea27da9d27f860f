module github.com/patchbay/patchbay

go 1.26.8
