package image

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
