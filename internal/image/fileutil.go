package image

import (
	"io"
	"os"
	"strings"
)

type ioReadCloser = io.ReadCloser

func openFile(p string) (io.ReadCloser, error) { return os.Open(p) }

func lastColon(s string) int {
	i := strings.LastIndexByte(s, ':')
	if i >= 0 && strings.ContainsRune(s[i:], '/') {
		return -1
	}
	return i
}
