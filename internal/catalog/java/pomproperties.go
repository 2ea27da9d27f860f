package java

import (
	"errors"
	"strings"
)

// pomPropertiesPath matches the pom.properties that Maven writes into every jar it builds, at
// "META-INF/maven/<groupId>/<artifactId>/pom.properties", and returns the group and artifact of the path.
func pomPropertiesPath(name string) (group, artifact string, ok bool) {
	const prefix, suffix = "META-INF/maven/", "/pom.properties"
	if len(name) <= len(prefix)+len(suffix) || !strings.EqualFold(name[:len(prefix)], prefix) ||
		!strings.HasSuffix(name, suffix) {
		return "", "", false
	}
	group, artifact, ok = strings.Cut(name[len(prefix):len(name)-len(suffix)], "/")
	if !ok || group == "" || artifact == "" || strings.Contains(artifact, "/") {
		return "", "", false
	}
	return group, artifact, true
}

// coordinates are what a pom.properties says of its artifact.
type coordinates struct {
	groupID, artifactID, version string
}

var errNoVersion = errors.New("pom.properties has no version")

// parsePomProperties reads the coordinates from a pom.properties; groupId and artifactId fall back to the path's
// segments when the file does not state them (it always does when Maven wrote it).
func parsePomProperties(content []byte, pathGroup, pathArtifact string) (coordinates, error) {
	props := parseProperties(content)
	c := coordinates{
		groupID:    cleanValue(props["groupId"]),
		artifactID: cleanValue(props["artifactId"]),
		version:    cleanValue(props["version"]),
	}
	if c.groupID == "" {
		c.groupID = cleanValue(pathGroup)
	}
	if c.artifactID == "" {
		c.artifactID = cleanValue(pathArtifact)
	}
	if c.version == "" {
		return c, errNoVersion
	}
	return c, nil
}

// cleanValue makes a metadata value safe to print: valid UTF-8, no surrounding white space.
func cleanValue(s string) string {
	return strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
}
