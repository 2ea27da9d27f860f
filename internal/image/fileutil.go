package image

import (
	v1 "github.com/google/go-containerregistry/pkg/v1"
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

func parseHash(s string) (v1.Hash, error) { return v1.NewHash(s) }

// located records where an image was read from, on the way out of an opener.
func located(img *Image, err error) func(kind, location string) (*Image, error) {
	return func(kind, location string) (*Image, error) {
		if err != nil {
			return nil, err
		}
		img.Kind, img.Location = kind, location
		return img, nil
	}
}
